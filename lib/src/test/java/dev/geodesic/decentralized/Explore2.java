package dev.geodesic.decentralized;

import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.progress.ProgressListener;
import java.util.List;
import dev.geodesic.linalg.DenseMatrix;

class Explore2 {
  public static void main(String[] a) {
    List<DenseMatrix> blocks = Fixtures.pcaBlocks(8, 3, 0.5, Fixtures.SIZES, 0, 1);
    double step = Double.parseDouble(a[0]);
    DecentralizedSetup s = Fixtures.pcaSetup(blocks, 3, Fixtures.ringGossip(6, Integer.parseInt(a[1])), StepSchedule.constant(step));
    DrcgdGradientTracking.Safeguard growth = a[2].equals("off") ? null : new DrcgdGradientTracking.Safeguard(100, Integer.parseInt(a[2]));
    DrcgdGradientTracking m = new DrcgdGradientTracking(s, growth);
    m.solve(StoppingRule.maxIterations(300), r -> { if (r.iteration() % 10 == 0 || r.iteration() < 10) System.out.println(r); });
  }
}
