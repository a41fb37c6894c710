package dev.geodesic.decentralized;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.graph.ChebyshevGossip;
import dev.geodesic.graph.CommunicationGraph;
import dev.geodesic.graph.Gossip;
import dev.geodesic.graph.MetropolisHastingsMixing;
import dev.geodesic.graph.MixingMatrix;
import dev.geodesic.iteration.CheckpointKeeper;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.manifold.StiefelManifold;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The methods on a small decentralized PCA (d = 8, r = 3, 6 agents of 40…220 rows on a ring, two
 * gossip rounds), checked against the LAPACK eigenvectors of (1/N)·AᵀA.
 */
class DecentralizedMethodsTest {
  static final List<DenseMatrix> BLOCKS = Fixtures.pcaBlocks(8, 3, 0.5, Fixtures.SIZES, 0.0, 1);

  static DecentralizedSetup setup(double step) {
    return Fixtures.pcaSetup(BLOCKS, 3, Fixtures.ringGossip(6, 2), StepSchedule.constant(step));
  }

  static DecentralizedResult run(StiefelConsensusMethod<?> m, int iterations) {
    return m.solve(StoppingRule.nonFinite("subspace_distance").or(StoppingRule.maxIterations(iterations)),
        ProgressListener.none());
  }

  @Test
  void theTruthIsTheEigenbasisOfThePooledCovariance() {
    GroundTruth truth = GroundTruth.pca(BLOCKS, 3);
    // Independent route: the right singular vectors of the pooled N×d data (SVD of the d×N block).
    List<DenseMatrix> all = new ArrayList<>(BLOCKS);
    int total = all.stream().mapToInt(DenseMatrix::cols).sum();
    DenseMatrix pooled = DenseMatrix.zeros(8, total);
    int at = 0;
    for (DenseMatrix b : all) {
      System.arraycopy(b.values(), 0, pooled.values(), at, b.values().length);
      at += b.values().length;
    }
    Lapack.Svd svd = Lapack.get().thinSvd(pooled);
    StiefelManifold st = new StiefelManifold(8, 3);
    assertTrue(st.subspaceDistance(svd.u().columns(0, 3), truth.solution()) < 1e-12);
    double fstar = 0;
    for (int j = 0; j < 3; j++) {
      double lambda = svd.singularValues()[j] * svd.singularValues()[j] / total;
      assertEquals(lambda, truth.eigenvalues()[j], 1e-12 * lambda);
      fstar -= 0.5 * lambda;
    }
    assertEquals(fstar, truth.optimalValue(), 1e-13);
    // and f* is what the agents' objectives give at x*: f = (1/n)Σ f_i is the global objective despite unequal shares
    double f = 0;
    for (LocalObjective o : PcaObjective.agents(BLOCKS, PcaObjective.Route.TWO_PASS)) {
      f += o.value(truth.solution()) / BLOCKS.size();
    }
    assertEquals(truth.optimalValue(), f, 1e-13);
  }

  @Test
  void gradientTrackingMethodsConvergeToTheTruthWithAConstantStep() {
    DecentralizedResult drgta = run(new Drgta(setup(0.3)), 300);
    assertTrue(drgta.last().subspaceDistance() <= 1e-8, "DRGTA d_s = " + drgta.last().subspaceDistance());
    assertTrue(drgta.last().consensusError() <= 1e-8);
    assertTrue(Math.abs(drgta.last().objectiveGap()) <= 1e-12);
    DecentralizedResult gt = run(new DrcgdGradientTracking(setup(0.1)), 300);
    assertTrue(gt.last().subspaceDistance() <= 1e-8, "drcgd-gt d_s = " + gt.last().subspaceDistance());
    assertTrue(gt.last().gradNorm() <= 1e-8);
    assertTrue(new StiefelManifold(8, 3).orthonormalityError(gt.average()) < 1e-12);
    // the counts: 300 exchanges of 2 rounds × 12 messages; drcgd-gt sends 3 matrices of 8×3 doubles per message
    assertEquals(300L * 2 * 12, gt.outcome().counts().messages());
    assertEquals(300L * 2 * 12 * 3 * 24 * 8, gt.outcome().counts().bytes());
    IterationRecord last = gt.outcome().last().orElseThrow();
    assertEquals(600.0, last.metric("communication_rounds"));
    assertEquals((double) gt.outcome().counts().bytes(), last.metric("bytes_exchanged"));
  }

  @Test
  void dprgdStallsAtAFloorThatShrinksWithTheStep() {
    double[] floors = new double[2];
    double[] steps = {0.2, 0.4};
    for (int k = 0; k < 2; k++) {
      DecentralizedResult r = run(new Dprgd(setup(steps[k])), 400);
      double[] ds = r.outcome().trace().column("subspace_distance");
      floors[k] = ds[399];
      assertEquals(ds[299], ds[399], 1e-4 * ds[399], "not yet on its plateau at step " + steps[k]);
      assertTrue(floors[k] > 1e-3, "floor " + floors[k]);
    }
    assertTrue(floors[0] < 0.7 * floors[1], "floors " + floors[0] + " (α = 0.2) vs " + floors[1] + " (α = 0.4)");
    // DRDGD (consensus step a = 1) also stalls; DRGTA at the same step does not.
    assertTrue(run(new Drdgd(setup(0.2)), 400).last().subspaceDistance() > 1e-3);
    assertTrue(run(new Drgta(setup(0.2)), 400).last().subspaceDistance() < 1e-8);
  }

  @Test
  void drcgdWithBetaZeroIsDprgd() {
    DecentralizedResult a = run(new Drcgd(setup(0.1), false), 60);
    DecentralizedResult b = run(new Dprgd(setup(0.1)), 60);
    for (int i = 0; i < 6; i++) {
      assertEquals(0.0, a.points().get(i).maxAbsDifference(b.points().get(i)), 1e-14);
    }
    for (String m : List.of("consensus_error", "subspace_distance", "objective")) {
      double[] x = a.outcome().trace().column(m);
      double[] y = b.outcome().trace().column(m);
      for (int k = 0; k < x.length; k++) {
        assertEquals(y[k], x[k], 1e-14, m + " at " + (k + 1));
      }
    }
    // DRCGD gossips η as well: twice DPRGD's bytes
    assertEquals(2 * b.outcome().counts().bytes(), a.outcome().counts().bytes());
    // With the Fletcher–Reeves β the path differs (and, as measured in the spec, does not do better).
    DecentralizedResult fr = run(new Drcgd(setup(0.1)), 60);
    assertTrue(fr.points().get(0).maxAbsDifference(b.points().get(0)) > 1e-6);
  }

  @Test
  void aResumedRunEqualsTheUninterruptedOne() {
    for (DecentralizedMethod method : DecentralizedMethod.values()) {
      IterationLoop.Config cfg = IterationLoop.Config.of(StoppingRule.maxIterations(40)).withCheckpointEvery(15);
      CheckpointKeeper<Serializable> straight = new CheckpointKeeper<>();
      IterationOutcome a = new IterationLoop(cfg).run(cast(method.create(setup(0.3))), null, ProgressListener.none(),
          straight);
      StiefelConsensusMethod<?> resumed = method.create(setup(0.3));
      IterationOutcome b = new IterationLoop(cfg).run(cast(resumed), straight.saved.get(1), ProgressListener.none(),
          new CheckpointKeeper<>());
      assertEquals(30, b.resumedAfter());
      assertEquals(a.counts(), b.counts());
      for (String m : List.of("consensus_error", "grad_norm", "subspace_distance", "bytes_exchanged")) {
        double[] x = a.trace().column(m);
        double[] y = b.trace().column(m);
        for (int k = 0; k < 40; k++) {
          assertEquals(x[k], y[k], 1e-12 * Math.max(1, Math.abs(x[k])), method.label() + " " + m + " at " + (k + 1));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static dev.geodesic.iteration.IterativeMethod<Serializable> cast(StiefelConsensusMethod<?> m) {
    return (dev.geodesic.iteration.IterativeMethod<Serializable>) (Object) m;
  }

  @Test
  void theSafeguardRescuesTrackedCgFromATooLargeStep() {
    // α = 0.3 with two gossip rounds: plain drcgd-gt wanders with the agents far apart
    DecentralizedResult plain = run(new DrcgdGradientTracking(setup(0.3), null), 300);
    assertTrue(plain.last().subspaceDistance() > 1e-2, "unsafeguarded d_s = " + plain.last().subspaceDistance());
    DrcgdGradientTracking safe = new DrcgdGradientTracking(setup(0.3), new DrcgdGradientTracking.Safeguard(1e2, 30));
    DecentralizedResult r = run(safe, 300);
    assertTrue(r.last().subspaceDistance() <= 1e-8, "safeguarded d_s = " + r.last().subspaceDistance());
    assertTrue(safe.halvings() >= 1 && safe.halvings() <= 3, "halvings " + safe.halvings());
    assertEquals(0.3 * Math.pow(0.5, safe.halvings()), r.outcome().last().orElseThrow().metric("step"), 1e-15);
  }

  @Test
  void chebyshevGossipIsAnOptionOfEveryMethod() {
    MixingMatrix w = MetropolisHastingsMixing.of(CommunicationGraph.ring(6));
    Gossip cheb3 = new ChebyshevGossip(w, 3);
    for (DecentralizedMethod m : List.of(DecentralizedMethod.DRGTA, DecentralizedMethod.DRCGD_GT)) {
      double ds = run(m.create(setup(0.3).withGossip(cheb3)), 300).last().subspaceDistance();
      assertTrue(ds <= 1e-8, m.label() + " with Chebyshev gossip: d_s = " + ds);
    }
    // DPRGD's floor comes from the disagreement the gossip leaves: accelerated gossip lowers it
    Gossip cheb2 = new ChebyshevGossip(w, 2);
    double plainFloor = run(new Dprgd(setup(0.2)), 300).last().subspaceDistance();
    double chebFloor = run(new Dprgd(setup(0.2).withGossip(cheb2)), 300).last().subspaceDistance();
    assertTrue(chebFloor < 0.9 * plainFloor, "chebyshev floor " + chebFloor + " vs plain " + plainFloor);
  }

  @Test
  void diminishingStepsGoBelowTheConstantStepFloor() {
    DecentralizedResult constant = run(new Dprgd(setup(0.4)), 400);
    DecentralizedResult diminishing = run(new Dprgd(setup(0.4).withStep(StepSchedule.diminishing(2.0))), 400);
    assertEquals(2.0 / Math.sqrt(400), diminishing.outcome().last().orElseThrow().metric("step"), 1e-15);
    assertTrue(diminishing.last().subspaceDistance() < constant.last().subspaceDistance());
  }

  @Test
  void orthogonalProcrustesConvergesToThePlantedRotation() {
    // B_i = A_i x* exactly: f* = 0 at x* (a planted point of St(6, 2)).
    StiefelManifold st = new StiefelManifold(6, 2);
    DenseMatrix xstar = st.randomPoint(SeedSequence.of(5), "planted");
    List<DenseMatrix> inputs = Fixtures.pcaBlocks(6, 2, 0.5, new int[] {30, 80, 50, 120, 70}, 0.0, 6);
    List<DenseMatrix> targets = new ArrayList<>();
    for (DenseMatrix a : inputs) {
      targets.add(Blas.get().multiply(true, xstar, false, a)); // (A_i x*)ᵀ, r × m_i
    }
    Agents agents = new LocalAgents(ProcrustesObjective.agents(inputs, targets));
    DecentralizedSetup s = new DecentralizedSetup(agents,
        new dev.geodesic.graph.PlainGossip(MetropolisHastingsMixing.of(CommunicationGraph.star(5)), 3),
        StepSchedule.constant(0.5), st.randomPoint(SeedSequence.of(7), "x0"), GroundTruth.known(xstar, 0.0));
    DecentralizedResult r = run(new Drgta(s), 400);
    // Procrustes fixes x itself, not only its span: compare the points
    DenseMatrix diff = r.average().copy();
    Blas.get().axpy(-1.0, xstar, diff);
    assertTrue(diff.frobeniusNorm() < 1e-8, "‖x̄ − x*‖ = " + diff.frobeniusNorm());
    assertTrue(Math.abs(r.last().objectiveGap()) < 1e-12, "gap " + r.last().objectiveGap()); // f* = 0 up to the cancellation in ½(xᵀGx − 2xᵀC + ‖B‖²)
    // (at α = 0.5 its early iterates wander and, depending on rounding, it may settle at another stationary point)
    DrcgdGradientTracking gt = new DrcgdGradientTracking(s.withStep(StepSchedule.constant(0.2)));
    double dsgt = run(gt, 400).last().subspaceDistance();
    assertTrue(dsgt < 1e-8, "drcgd-gt d_s = " + dsgt + " after " + gt.halvings() + " halvings");
  }

  @Test
  void dataFarFromTheOriginKeepTheGramianRouteExact() {
    // Rows shifted by 1e3 in every coordinate: λ_max ≈ 8e6 against an eigengap of 0.5.
    List<DenseMatrix> far = Fixtures.pcaBlocks(8, 3, 0.5, Fixtures.SIZES, 1e3, 1);
    List<LocalObjective> gram = PcaObjective.agents(far, PcaObjective.Route.GRAMIAN);
    List<LocalObjective> pass = PcaObjective.agents(far, PcaObjective.Route.TWO_PASS);
    DenseMatrix x = new StiefelManifold(8, 3).randomPoint(SeedSequence.of(3), "x");
    for (int i = 0; i < far.size(); i++) {
      DenseMatrix a = gram.get(i).euclideanGradient(x);
      DenseMatrix b = pass.get(i).euclideanGradient(x);
      assertEquals(0.0, a.maxAbsDifference(b), 1e-12 * b.frobeniusNorm());
      assertEquals(pass.get(i).value(x), gram.get(i).value(x), 1e-12 * Math.abs(pass.get(i).value(x)));
      assertEquals(0.0, ((PcaObjective) gram.get(i)).passesPerGradient());
      assertEquals(2.0, ((PcaObjective) pass.get(i)).passesPerGradient());
    }
    // The truth from the summed Gramians against the SVD of the pooled rows.
    GroundTruth truth = GroundTruth.pca(far, 3);
    int total = far.stream().mapToInt(DenseMatrix::cols).sum();
    DenseMatrix pooled = DenseMatrix.zeros(8, total);
    int at = 0;
    for (DenseMatrix b : far) {
      System.arraycopy(b.values(), 0, pooled.values(), at, b.values().length);
      at += b.values().length;
    }
    DenseMatrix u = Lapack.get().thinSvd(pooled).u().columns(0, 3);
    // the first direction is the mean's (λ ≈ 8e6); the other two are resolved to ≈ ε·λ_max/gap
    double dsv = new StiefelManifold(8, 3).subspaceDistance(u, truth.solution());
    assertTrue(dsv < 1e-7, "d_s(SVD, truth) = " + dsv);
  }

  @Test
  void badSetupsAreRejected() {
    Agents agents = new LocalAgents(PcaObjective.agents(BLOCKS, PcaObjective.Route.AUTO));
    Gossip ring = Fixtures.ringGossip(6, 1);
    DenseMatrix x0 = new StiefelManifold(8, 3).randomPoint(SeedSequence.of(1), "x0");
    assertThrows(IllegalArgumentException.class, () -> new LocalAgents(PcaObjective.agents(BLOCKS.subList(0, 1),
        PcaObjective.Route.AUTO)));
    assertThrows(IllegalArgumentException.class,
        () -> new DecentralizedSetup(agents, Fixtures.ringGossip(5, 1), StepSchedule.constant(0.1), x0, null));
    assertThrows(IllegalArgumentException.class, () -> new DecentralizedSetup(agents, ring, StepSchedule.constant(0.1),
        DenseMatrix.zeros(8, 9), null));
    assertThrows(IllegalArgumentException.class, () -> new Dprgd(new DecentralizedSetup(agents, ring,
        StepSchedule.constant(0.1), DenseMatrix.zeros(8, 3), null)));
    assertThrows(IllegalArgumentException.class, () -> StepSchedule.constant(0));
    assertThrows(IllegalArgumentException.class, () -> GroundTruth.pca(BLOCKS, 9));
    assertThrows(IllegalArgumentException.class, () -> DecentralizedMethod.fromLabel("sgd"));
    // without a truth the gap and distance are not reported
    DecentralizedResult r = run(new Dprgd(new DecentralizedSetup(agents, ring, StepSchedule.constant(0.1), x0, null)), 3);
    assertEquals(List.of("consensus_error", "grad_norm", "objective", "communication_rounds", "bytes_exchanged", "step",
        "agents_compute_seconds"), r.outcome().trace().metricNames());
    assertEquals(StopReason.ITERATION_LIMIT, r.stopReason());
  }
}
