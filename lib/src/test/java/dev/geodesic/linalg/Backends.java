package dev.geodesic.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The backends every linear-algebra test runs on: the pure-Java and the reproducible ones always,
 * the native one when the system library loads. Set {@code GEODESIC_REQUIRE_NATIVE_BLAS=1} to make a missing native
 * backend fail the build instead of narrowing the test matrix.
 */
final class Backends {
  private Backends() {}

  static Stream<Arguments> lapacks() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of(Lapack.java()));
    out.add(Arguments.of(Lapack.reproducible()));
    Lapack.nativeBackend().ifPresentOrElse(l -> out.add(Arguments.of(l)), Backends::nativeMissing);
    return out.stream();
  }

  static Stream<Arguments> blases() {
    return lapacks().map(a -> Arguments.of(((Lapack) a.get()[0]).blas()));
  }

  private static void nativeMissing() {
    if ("1".equals(System.getenv("GEODESIC_REQUIRE_NATIVE_BLAS"))) {
      throw new IllegalStateException("native BLAS/LAPACK required but libblas.so.3/liblapack.so.3 did not load");
    }
    System.err.println("native BLAS not available: linear-algebra tests run on the Java backend only");
  }
}
