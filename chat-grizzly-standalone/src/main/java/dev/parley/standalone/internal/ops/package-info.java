/**
 * Operations of the standalone server that are neither HTTP nor storage: the summarised log of
 * rate-limit refusals ({@link dev.parley.standalone.internal.ops.RefusalLog}).
 */
package dev.parley.standalone.internal.ops;
