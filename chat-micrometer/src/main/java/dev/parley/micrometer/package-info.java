/**
 * {@link dev.parley.micrometer.ParleyMeters}: the Micrometer meters of one Parley engine and the
 * {@link dev.parley.core.ChatMetrics} that feeds them, handed to {@code Chat.builder().metrics(...)}.
 * Every meter is named {@code parley.*}; the README lists them with their Prometheus names.
 */
package dev.parley.micrometer;
