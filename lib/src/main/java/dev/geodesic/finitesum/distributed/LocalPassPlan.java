package dev.geodesic.finitesum.distributed;

import java.io.Serializable;

/**
 * What every shard needs for its local passes of one round.
 *
 * @param round the round (keys the shard's random stream with the shard's id)
 * @param step the step η
 * @param passes local passes: the shard makes round(passes·n_s) steps
 * @param seed the run's seed
 */
public record LocalPassPlan(int round, double step, double passes, long seed) implements Serializable {}
