package dev.geodesic.finitesum.distributed;

import dev.geodesic.finitesum.RowSampling;
import dev.geodesic.finitesum.prox.Regularizer;
import java.io.Serializable;

/**
 * What every shard needs for its local passes of one round.
 *
 * @param round the round (keys the shard's random stream with the shard's id)
 * @param step the step η
 * @param passes local passes: the shard makes max(1, round(passes·n_s)) steps
 * @param seed the run's seed
 * @param local the local solver
 * @param totalRows N over all shards (SAGA's table mean is over all rows)
 * @param penalty the round's h: it replaces the shards' own, so one cached layout serves every λ of a
 *     regularization path
 * @param sampling how the shard draws its rows (smoothness-proportional: each shard over its own rows)
 */
public record LocalPassPlan(int round, double step, double passes, long seed, LocalSolver local, long totalRows,
    Regularizer penalty, RowSampling sampling) implements Serializable {}
