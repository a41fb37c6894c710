/**
 * The run report: PNG convergence plots of a solver's {@link dev.geodesic.progress.Trace}
 * ({@link dev.geodesic.jobs.report.TracePlots}), heat maps of small matrices such as pairwise
 * distances ({@link dev.geodesic.jobs.report.HeatMapPlot}), and the self-contained
 * {@code report.html} that shows them next to the run's summary ({@link
 * dev.geodesic.jobs.report.HtmlReport}).
 *
 * <p>Plain Java and XChart, no Spark: the report is rendered on the driver from data already
 * collected there, and this package can be tested in milliseconds. Rendering is headless
 * ({@code java.awt.headless=true} is set before the first chart is drawn), so it works on cluster
 * nodes and CI machines without a display.
 */
package dev.geodesic.jobs.report;
