package dev.geodesic.decentralized;

import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.progress.ProgressListener;
import java.util.List;
import dev.geodesic.linalg.DenseMatrix;

class Explore {
  public static void main(String[] a) {
    List<DenseMatrix> blocks = Fixtures.pcaBlocks(8, 3, 0.5, Fixtures.SIZES, Double.parseDouble(a[2]), 1);
    for (double step : new double[] {0.1, 0.3, 0.5, 1.0, 2.0}) {
      for (DecentralizedMethod m : DecentralizedMethod.values()) {
        DecentralizedSetup s = Fixtures.pcaSetup(blocks, 3, Fixtures.ringGossip(6, Integer.parseInt(a[0])), StepSchedule.constant(step));
        DecentralizedResult r = m.create(s).solve(StoppingRule.maxIterations(Integer.parseInt(a[1])), ProgressListener.none());
        System.out.printf("%5.2f %-9s ds=%.3e cons=%.3e grad=%.3e gap=%.3e%n", step, m.label(), r.last().subspaceDistance(),
            r.last().consensusError(), r.last().gradNorm(), r.last().objectiveGap());
      }
    }
  }
}
