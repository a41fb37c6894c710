package dev.geodesic.decentralized;

import java.util.Locale;
import java.util.function.Function;

/** The decentralized Stiefel methods by the names the CLI uses. */
public enum DecentralizedMethod {
  DRCGD("drcgd", Drcgd::new),
  DRCGD_GT("drcgd-gt", DrcgdGradientTracking::new),
  DPRGD("dprgd", Dprgd::new),
  DRDGD("drdgd", Drdgd::new),
  DRGTA("drgta", Drgta::new);

  private final String label;
  private final Function<DecentralizedSetup, StiefelConsensusMethod<?>> factory;

  DecentralizedMethod(String label, Function<DecentralizedSetup, StiefelConsensusMethod<?>> factory) {
    this.label = label;
    this.factory = factory;
  }

  public String label() {
    return label;
  }

  /** A fresh run of this method on {@code setup}. */
  public StiefelConsensusMethod<?> create(DecentralizedSetup setup) {
    return factory.apply(setup);
  }

  /** Whether the method tracks the average gradient (converges exactly with a constant step). */
  public boolean tracking() {
    return this == DRCGD_GT || this == DRGTA;
  }

  public static DecentralizedMethod fromLabel(String label) {
    for (DecentralizedMethod m : values()) {
      if (m.label.equals(label.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + label + "' (drcgd, drcgd-gt, dprgd, drdgd, drgta)");
  }
}
