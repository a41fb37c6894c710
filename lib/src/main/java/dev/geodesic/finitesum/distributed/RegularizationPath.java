package dev.geodesic.finitesum.distributed;

import dev.geodesic.finitesum.FiniteSumMethod;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.LinearModelShape;
import dev.geodesic.finitesum.RowSampling;
import dev.geodesic.finitesum.prox.Regularizer;
import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.IterativeMethod;
import dev.geodesic.iteration.Step;
import dev.geodesic.iteration.StopReason;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A regularization path: the problems min F + h_λ for a grid of penalties, solved in order by
 * {@link DistributedSvrg} on the same shards, each started from the previous solution (warm start, as
 * glmnet's pathwise coordinate descent; Friedman, Hastie &amp; Tibshirani 2010 §2.5). From large λ to
 * small the solutions move little between neighbours, so a warm-started point needs few rounds. One
 * iteration is one round of the current point; a point ends when its gradient-mapping norm is ≤ tol
 * (converged) or it used {@code epochsPerPoint} data passes, and the run ends after the last point
 * ({@code converged} when every point converged, {@code max-epochs} otherwise).
 */
public final class RegularizationPath implements IterativeMethod<RegularizationPath.State> {
  /** Trace metrics added to each round's: the point's index and its λ₁, λ₂. */
  public static final String POINT = "path_point";
  public static final String L1 = "l1";
  public static final String L2 = "l2";

  /**
   * One solved point.
   *
   * @param x the solution (the solver's coordinates: centered, as {@link LinearModelShape} lays x out)
   * @param epochs the data passes this point used
   */
  public record Point(double l1, double l2, double[] x, double objective, double gradMappingNorm, double epochs,
      int rounds, boolean converged) implements Serializable {}

  /** The point being solved, its solver's state, where it started, and the points done. */
  public record State(int index, DistributedSvrg.State solver, double startEpochs, int startRound,
      List<Point> done) implements Serializable {}

  private final ShardedFiniteSum data;
  private final LinearModelShape shape;
  private final FiniteSumOptions options;
  private final LocalSolver local;
  private final RowSampling sampling;
  private final List<Regularizer> grid;
  private final double tol;
  private final double epochsPerPoint;
  private int index;
  private DistributedSvrg current;
  private double startEpochs;
  private int startRound;
  private final List<Point> done = new ArrayList<>();

  /**
   * @param grid the penalties in solving order (usually decreasing λ)
   * @param tol a point's gradient-mapping norm at which it is solved (> 0)
   * @param epochsPerPoint the data passes a point may use
   */
  public RegularizationPath(ShardedFiniteSum data, LinearModelShape shape, FiniteSumOptions options, LocalSolver local,
      RowSampling sampling, List<Regularizer> grid, double tol, double epochsPerPoint) {
    if (grid.isEmpty() || !(tol > 0) || !(epochsPerPoint > 0)) {
      throw new IllegalArgumentException("a path needs at least one penalty, tol > 0 and a budget > 0");
    }
    this.data = data;
    this.shape = shape;
    this.options = options;
    this.local = local;
    this.sampling = sampling;
    this.grid = List.copyOf(grid);
    this.tol = tol;
    this.epochsPerPoint = epochsPerPoint;
  }

  private DistributedSvrg solver(int k) {
    return new DistributedSvrg(data, shape.withPenalty(grid.get(k)), options, local, sampling);
  }

  @Override
  public Step step(IterationContext ctx) {
    if (current == null) {
      current = solver(index);
      startEpochs = ctx.oracle().snapshot().dataPasses();
      startRound = ctx.iteration() - 1;
    }
    Step s = current.step(ctx);
    Regularizer h = grid.get(index);
    Map<String, Double> m = new LinkedHashMap<>(s.metrics());
    m.put(POINT, (double) index);
    m.put(L1, h.l1());
    m.put(L2, h.l2());
    double objective = s.metrics().get(FiniteSumMethod.OBJECTIVE);
    double gm = s.metrics().get(FiniteSumMethod.GRAD_MAPPING_NORM);
    double used = ctx.oracle().snapshot().dataPasses() - startEpochs;
    boolean converged = gm <= tol;
    if (!Double.isFinite(objective)) {
      return new Step(m, StopReason.DIVERGED);
    }
    if (!converged && used < epochsPerPoint) {
      return new Step(m, null);
    }
    double[] x = current.iterate();
    done.add(new Point(h.l1(), h.l2(), x, objective, gm, used, ctx.iteration() - startRound, converged));
    index++;
    if (index == grid.size()) {
      boolean all = done.stream().allMatch(Point::converged);
      return new Step(m, all ? StopReason.CONVERGED : StopReason.EPOCH_LIMIT);
    }
    current = solver(index).startingAt(x);
    startEpochs = ctx.oracle().snapshot().dataPasses();
    startRound = ctx.iteration();
    return new Step(m, null);
  }

  /** The points solved so far, in grid order. */
  public List<Point> points() {
    return List.copyOf(done);
  }

  /** The step of the last point's solver. */
  public double step() {
    return (current != null ? current : solver(Math.min(index, grid.size() - 1))).step();
  }

  @Override
  public State state() {
    return new State(index, current == null ? null : current.state(), startEpochs, startRound, List.copyOf(done));
  }

  @Override
  public void restore(State s) {
    index = s.index();
    done.clear();
    done.addAll(s.done());
    startEpochs = s.startEpochs();
    startRound = s.startRound();
    current = null;
    if (s.solver() != null && index < grid.size()) {
      current = solver(index);
      current.restore(s.solver());
    }
  }
}
