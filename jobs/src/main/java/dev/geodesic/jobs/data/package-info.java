/**
 * Data in and out of the input schema on Spark: {@link dev.geodesic.jobs.data.GenerateJob} writes
 * seeded synthetic data from a {@link dev.geodesic.jobs.data.GeneratorPlan} of lib generators, one
 * partition per task generated where it is written; {@link dev.geodesic.jobs.data.ImportJob} converts
 * IDX, CSV, LIBSVM or Parquet input.
 */
package dev.geodesic.jobs.data;
