/**
 * The Spark side of Geodesic: reading and validating input, laying it out as cached dense blocks per
 * partition, mapping clients/agents onto executors, driving iterations and writing outputs. Thin over
 * {@code lib/}: the numerics live there, this module decides where each piece runs.
 */
package dev.geodesic.jobs;
