/**
 * The one random-seed scheme of Geodesic: a user seed is split into independent, reproducible
 * streams by purpose and index (partition, client, round), so that a seeded run gives the same
 * numbers whatever the number of threads or executors.
 */
package dev.geodesic.random;
