package dev.geodesic.jobs.ot;

import dev.geodesic.ot.DiscreteMeasure;
import java.io.Serializable;

/** One client's samples as a uniform discrete measure, living in the partition that holds the client. */
public record ClientMeasure(String client, DiscreteMeasure measure) implements Serializable {}
