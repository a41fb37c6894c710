package dev.geodesic.jobs.finitesum;

import dev.geodesic.finitesum.data.Layout;
import dev.geodesic.finitesum.distributed.LocalSolver;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.loss.HuberLoss;
import dev.geodesic.finitesum.loss.MarginLoss;
import dev.geodesic.finitesum.loss.SquaredLoss;
import dev.geodesic.jobs.cli.OptionChecks;

/** The {@code finite-sum} command's choice options, spelled as users type them. */
public final class FiniteSumChoices {
  private FiniteSumChoices() {}

  /** {@code --method}: the partitions' local solver. */
  public enum Method {
    SVRG(LocalSolver.SVRG), LSVRG(LocalSolver.LOOPLESS_SVRG), SAGA(LocalSolver.SAGA);

    private final LocalSolver local;

    Method(LocalSolver local) {
      this.local = local;
    }

    public LocalSolver local() {
      return local;
    }

    @Override
    public String toString() {
      return OptionChecks.spelling(this);
    }
  }

  /** {@code --loss}; multinomial's K comes from the labels. */
  public enum Loss {
    LOGISTIC, SQUARED, HUBER, MULTINOMIAL;

    /** The loss for a scalar-margin choice (multinomial is built from the labels' classes). */
    MarginLoss scalar(double huberDelta) {
      switch (this) {
        case LOGISTIC:
          return new BinaryLogisticLoss();
        case SQUARED:
          return new SquaredLoss();
        case HUBER:
          return new HuberLoss(huberDelta);
        default:
          throw new IllegalStateException("multinomial has K margins");
      }
    }

    @Override
    public String toString() {
      return OptionChecks.spelling(this);
    }
  }

  /** {@code --layout}. */
  public enum LayoutChoice {
    AUTO, DENSE, SPARSE;

    /** The layout for nonzeros in rows × d: the density rule for auto. */
    Layout resolve(long nonZeros, long rows, int d) {
      return this == AUTO ? Layout.recommended(nonZeros, rows, d) : this == DENSE ? Layout.DENSE : Layout.SPARSE;
    }

    @Override
    public String toString() {
      return OptionChecks.spelling(this);
    }
  }
}
