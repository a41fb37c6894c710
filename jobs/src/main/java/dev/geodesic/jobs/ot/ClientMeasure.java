package dev.geodesic.jobs.ot;

import dev.geodesic.ot.DiscreteMeasure;
import java.io.Serializable;

/**
 * One client's samples as a discrete measure of mass 1 (uniform, or its rows' normalised weights),
 * living in the partition that holds the client.
 *
 * @param measure the measure; null only while a client whose weights are all 0 is being refused
 * @param rawMass the sum of the client's weights before normalisation (1 without a weight column)
 */
public record ClientMeasure(String client, DiscreteMeasure measure, double rawMass) implements Serializable {}
