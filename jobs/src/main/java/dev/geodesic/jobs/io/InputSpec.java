package dev.geodesic.jobs.io;

/**
 * One input as the user named it.
 *
 * @param path file or directory (a Geodesic output directory holding {@code data.parquet} is read as that)
 * @param format how to read it
 * @param labelColumn CSV only: the column holding the label, or null for "all columns are features"
 * @param clientColumn the column naming the client/agent a row belongs to (used when present)
 */
public record InputSpec(String path, InputFormat format, String labelColumn, String clientColumn) {}
