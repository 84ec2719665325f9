/**
 * The {@code /api} HTTP surface as plain JAX-RS 3.1 classes constructed with a
 * {@link dev.parley.core.Chat}: resources that translate requests into engine calls, the bearer
 * filter, and the exception mappers that turn every failure into the contract's
 * {@code {"error","message"}} body. They need no CDI and no servlet, so a servlet container and
 * the standalone Grizzly server register the very same instances
 * (see {@link dev.parley.jakarta.ParleyRest}).
 */
package dev.parley.jakarta.internal.rest;
