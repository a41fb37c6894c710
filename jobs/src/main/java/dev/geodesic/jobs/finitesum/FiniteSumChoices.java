package dev.geodesic.jobs.finitesum;

import dev.geodesic.finitesum.RowSampling;
import dev.geodesic.finitesum.data.Layout;
import dev.geodesic.finitesum.distributed.LocalSolver;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.loss.HuberLoss;
import dev.geodesic.finitesum.loss.MarginLoss;
import dev.geodesic.finitesum.loss.SquaredLoss;
import dev.geodesic.jobs.InvalidInputException;
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

  /**
   * {@code --sampling}: how the partitions draw their rows. {@code auto}: the local solver's own default
   * ({@link LocalSolver#defaultSampling}: ∝ smoothness for svrg and lsvrg, uniform for saga).
   */
  public enum Sampling {
    AUTO(null), SMOOTHNESS(RowSampling.SMOOTHNESS), UNIFORM(RowSampling.UNIFORM);

    private final RowSampling sampling;

    Sampling(RowSampling sampling) {
      this.sampling = sampling;
    }

    /** The draws for the partitions' local solver {@code method}. */
    public RowSampling sampling(Method method) {
      return sampling != null ? sampling : method.local().defaultSampling();
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

  /** Which penalty a regularization path varies. */
  public enum PathPenalty {
    L1, L2;

    @Override
    public String toString() {
      return OptionChecks.spelling(this);
    }
  }

  /**
   * A path's grid: {@code from:to:n} (n ≥ 2 values log-spaced from {@code from} to {@code to}, both
   * > 0) or a comma list of values ≥ 0, solved in the order given.
   */
  public static double[] pathGrid(String option, String spec) {
    String s = spec.trim();
    try {
      if (s.contains(":")) {
        String[] p = s.split(":", -1);
        if (p.length != 3) {
          throw new InvalidInputException(option + " must be FROM:TO:N or a comma list, got '" + spec + "'");
        }
        double from = Double.parseDouble(p[0].trim());
        double to = Double.parseDouble(p[1].trim());
        int n = Integer.parseInt(p[2].trim());
        if (!(from > 0) || !(to > 0) || !Double.isFinite(from) || !Double.isFinite(to) || n < 2) {
          throw new InvalidInputException(option + " FROM:TO:N needs FROM, TO > 0 and N >= 2, got '" + spec + "'");
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
          g[i] = i == 0 ? from : i == n - 1 ? to : Math.exp(Math.log(from) + i * (Math.log(to) - Math.log(from)) / (n - 1));
        }
        return g;
      }
      String[] p = s.split(",", -1);
      double[] g = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        g[i] = Double.parseDouble(p[i].trim());
        if (!(g[i] >= 0) || !Double.isFinite(g[i])) {
          throw new InvalidInputException(option + " values must be finite and >= 0, got '" + p[i].trim() + "'");
        }
      }
      return g;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(option + " must be FROM:TO:N or a comma list of numbers, got '" + spec + "'");
    }
  }
}
