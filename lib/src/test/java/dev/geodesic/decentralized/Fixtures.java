package dev.geodesic.decentralized;

import dev.geodesic.data.PcaDataGenerator;
import dev.geodesic.graph.CommunicationGraph;
import dev.geodesic.graph.Gossip;
import dev.geodesic.graph.MetropolisHastingsMixing;
import dev.geodesic.graph.PlainGossip;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.manifold.StiefelManifold;
import dev.geodesic.random.SeedSequence;
import java.util.ArrayList;
import java.util.List;

/** Small decentralized PCA problems for the method tests. */
final class Fixtures {
  private Fixtures() {}

  /** Unequal agent shares. */
  static final int[] SIZES = {40, 90, 150, 60, 220, 120};

  /** The blocks (d × m_i) of a PCA problem from the lib's generator, shifted by {@code offset} in every coordinate. */
  static List<DenseMatrix> pcaBlocks(int d, int r, double gap, int[] sizes, double offset, long seed) {
    SeedSequence seeds = SeedSequence.of(seed);
    PcaDataGenerator g = new PcaDataGenerator(PcaDataGenerator.Config.withEigengap(d, r, 0.05, gap), seeds);
    List<DenseMatrix> blocks = new ArrayList<>();
    for (int p = 0; p < sizes.length; p++) {
      DenseMatrix b = g.generate(seeds, p, sizes[p]).features();
      double[] v = b.values();
      for (int k = 0; k < v.length; k++) {
        v[k] += offset;
      }
      blocks.add(b);
    }
    return blocks;
  }

  static DecentralizedSetup pcaSetup(List<DenseMatrix> blocks, int r, Gossip gossip, StepSchedule step) {
    Agents agents = new LocalAgents(PcaObjective.agents(blocks, PcaObjective.Route.AUTO));
    GroundTruth truth = GroundTruth.pca(blocks, r);
    DenseMatrix x0 = new StiefelManifold(blocks.get(0).rows(), r).randomPoint(SeedSequence.of(99), "x0");
    return new DecentralizedSetup(agents, gossip, step, x0, truth);
  }

  static Gossip ringGossip(int n, int t) {
    return new PlainGossip(MetropolisHastingsMixing.of(CommunicationGraph.ring(n)), t);
  }
}
