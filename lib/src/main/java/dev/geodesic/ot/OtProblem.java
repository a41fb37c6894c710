package dev.geodesic.ot;

import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.progress.ProgressListener;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@link OptimalTransport#solve} is asked to compute: one record per solver, each carrying the
 * {@link GroundCost} and that solver's settings, each knowing which algorithm class solves it.
 */
public sealed interface OtProblem permits OtProblem.Exact, OtProblem.Entropic, OtProblem.Sliced {
  GroundCost groundCost();

  /** Solves the problem between mu and nu; progress (if the solver reports any) goes to listener. */
  TransportResult solve(DiscreteMeasure mu, DiscreteMeasure nu, ProgressListener listener);

  /**
   * Solves the problem for the marginals a, b and a given cost matrix C (n×m) in place of ‖x − y‖^p
   * (graphs, learned costs); {@code distance} is then max(⟨P, C⟩, 0)^(1/p), C read as d(x, y)^p.
   *
   * @throws IllegalArgumentException for {@link Sliced}, which projects points and so has no use for C
   */
  TransportResult solve(double[] a, double[] b, CostMatrix cost, ProgressListener listener);

  /** Exact W_p by {@link OptimalTransport#exact} (network simplex, on candidate arcs at scale), with its pivot budget. */
  record Exact(GroundCost groundCost, NetworkSimplex.Config simplex) implements OtProblem {
    public Exact(GroundCost groundCost) {
      this(groundCost, NetworkSimplex.Config.defaults());
    }

    @Override
    public TransportResult solve(DiscreteMeasure mu, DiscreteMeasure nu, ProgressListener listener) {
      double p = groundCost.p();
      NetworkSimplex.Result r = OptimalTransport.exact(mu, nu, p, simplex, listener);
      boolean optimal = r.status() == NetworkSimplex.Status.OPTIMAL;
      return new TransportResult(TransportQuantity.WASSERSTEIN, r.cost(), r.wasserstein(p),
          Optional.of(r.plan()), r.iterations(),
          optimal ? StopReason.CONVERGED : StopReason.ITERATION_LIMIT,
          new TransportResult.Exact(r.dualObjective(mu.weights(), nu.weights()), r.nonZeros()));
    }

    @Override
    public TransportResult solve(double[] a, double[] b, CostMatrix cost, ProgressListener listener) {
      NetworkSimplex.Result r = new NetworkSimplex(simplex).solve(a, b, cost, listener);
      boolean optimal = r.status() == NetworkSimplex.Status.OPTIMAL;
      return new TransportResult(TransportQuantity.WASSERSTEIN, r.cost(), groundCost.distance(r.cost()),
          Optional.of(r.plan()), r.iterations(),
          optimal ? StopReason.CONVERGED : StopReason.ITERATION_LIMIT,
          new TransportResult.Exact(r.dualObjective(a, b), r.nonZeros()));
    }
  }

  /**
   * Entropic OT by {@link SinkhornSolver} (ε-scaling from max C by halving).
   *
   * @param epsilon ε in cost units; empty: {@link EntropicPolicy#defaultEpsilon} of the problem's cost
   * @param tolerance relative L1 marginal error to stop at
   * @param maxIterations Sinkhorn iterations over all ε stages
   */
  record Entropic(GroundCost groundCost, OptionalDouble epsilon, double tolerance, int maxIterations)
      implements OtProblem {
    @Override
    public TransportResult solve(DiscreteMeasure mu, DiscreteMeasure nu, ProgressListener listener) {
      return solve(mu.weights(), nu.weights(), cost(mu, nu), listener);
    }

    @Override
    public TransportResult solve(double[] a, double[] b, CostMatrix cost, ProgressListener listener) {
      SinkhornSolver.Iterations method = iterations(a, b, cost);
      IterationOutcome outcome = new IterationLoop(IterationLoop.Config.of(StoppingRule.never())).run(method, listener);
      return result(method, cost, outcome.stopReason());
    }

    /** Points to a dense cost matrix of this problem's ground cost (the plan is dense anyway). */
    public CostMatrix cost(DiscreteMeasure mu, DiscreteMeasure nu) {
      EntropicPolicy.requireDensePlanFits(mu.size(), nu.size());
      return DenseCostMatrix.groundCost(mu.atoms(), nu.atoms(), groundCost.p());
    }

    /**
     * Sinkhorn's iterations for weights a, b and a cost matrix, for an iteration loop to run (and
     * a driver to checkpoint); {@link #result} reads the answer off them when the loop has stopped.
     */
    public SinkhornSolver.Iterations iterations(double[] a, double[] b, CostMatrix cost) {
      EntropicPolicy.requireDensePlanFits(cost.rows(), cost.cols());
      double eps = epsilon.isPresent() ? epsilon.getAsDouble() : EntropicPolicy.defaultEpsilon(cost);
      return new SinkhornSolver(new SinkhornSolver.Config(eps, 0.0, 0.5, tolerance, maxIterations)).iterations(a, b, cost);
    }

    /** The result at the iterations' current state; {@code stop}: why the loop stopped (converged wins). */
    public TransportResult result(SinkhornSolver.Iterations method, CostMatrix cost, StopReason stop) {
      SinkhornSolver.Result r = method.result();
      return new TransportResult(TransportQuantity.ENTROPIC_PLAN_COST, r.transportCost(),
          groundCost.distance(r.transportCost()),
          Optional.of(EntropicPolicy.sparsePlan(r.plan(), cost.rows(), cost.cols())), r.iterations(),
          r.converged() ? StopReason.CONVERGED : stop == StopReason.CONVERGED ? StopReason.ITERATION_LIMIT : stop,
          new TransportResult.Entropic(r.entropicCost(), r.epsilon(), r.marginalError()));
    }
  }

  /** Sliced W_p by {@link SlicedWasserstein}: {@code projections} directions drawn from {@code seed}. */
  record Sliced(GroundCost groundCost, int projections, long seed) implements OtProblem {
    @Override
    public TransportResult solve(DiscreteMeasure mu, DiscreteMeasure nu, ProgressListener listener) {
      SlicedWasserstein.Result r = new SlicedWasserstein(new SlicedWasserstein.Config(projections, groundCost.p(), seed))
          .compute(mu, nu);
      return new TransportResult(TransportQuantity.SLICED_WASSERSTEIN, r.valuePowP(), r.value(),
          Optional.empty(), r.projections(), StopReason.CONVERGED,
          new TransportResult.Sliced(r.standardError(), r.projections()));
    }

    @Override
    public TransportResult solve(double[] a, double[] b, CostMatrix cost, ProgressListener listener) {
      throw new IllegalArgumentException("sliced W_p projects the points onto directions: it needs the points, not a cost matrix");
    }
  }
}
