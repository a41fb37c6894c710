/**
 * Per-iteration progress: every solver reports each iteration/round to a {@link
 * dev.geodesic.progress.ProgressListener}; the CLI's log lines and the trace written to
 * {@code trace.parquet}/{@code trace.csv}/{@code report.html} are both listeners.
 */
package dev.geodesic.progress;
