package dev.geodesic.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BlasBackendTest {
  private static final BlasBackend.Cpu XEON_AVX512 = BlasBackend.Cpu.parse(
      "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx fma avx2 avx512f avx512dq\n\n"
          + "processor\t: 1\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx fma avx2 avx512f avx512dq\n");
  private static final BlasBackend.Cpu INTEL_AVX2 = new BlasBackend.Cpu("GenuineIntel", Set.of("avx", "avx2"));
  private static final BlasBackend.Cpu EPYC = new BlasBackend.Cpu("AuthenticAMD", Set.of("avx", "avx2"));
  private static final BlasBackend.Cpu OLD = new BlasBackend.Cpu("GenuineIntel", Set.of("sse2", "sse3"));

  @Test
  void parsesTheFirstProcessorOfCpuinfo() {
    assertEquals("GenuineIntel", XEON_AVX512.vendor());
    assertTrue(XEON_AVX512.flags().contains("avx512f"));
    assertEquals("SkylakeX", XEON_AVX512.bestCoreType());
    assertEquals("Haswell", INTEL_AVX2.bestCoreType());
    assertEquals("Zen", EPYC.bestCoreType());
    assertNull(OLD.bestCoreType());
  }

  @Test
  void warnsAboutAFallbackCoreAndNamesTheCoreTypeToSet() {
    String w = BlasBackend.warning("Prescott", null, XEON_AVX512);
    assertNotNull(w);
    assertTrue(w.contains("OPENBLAS_CORETYPE=SkylakeX") && w.contains("Prescott"), w);
    assertTrue(BlasBackend.warning("Nehalem", null, INTEL_AVX2).contains("OPENBLAS_CORETYPE=Haswell"));
    assertTrue(BlasBackend.warning("Core2", null, EPYC).contains("OPENBLAS_CORETYPE=Zen"));
    assertFalse(w.startsWith("error"));
  }

  @Test
  void noWarningForAModernCoreAnOldCpuOrWhatTheUserAskedFor() {
    assertNull(BlasBackend.warning("SkylakeX", null, XEON_AVX512));
    assertNull(BlasBackend.warning("Haswell", null, XEON_AVX512));
    assertNull(BlasBackend.warning("Zen", null, EPYC));
    assertNull(BlasBackend.warning("Prescott", null, OLD));
    assertNull(BlasBackend.warning("Prescott", "prescott", XEON_AVX512));
    assertNull(BlasBackend.warning("Prescott", null, new BlasBackend.Cpu("", Set.of())));
  }

  @Test
  void warnsWhenTheRequestedCoreTypeIsNotTheOneRunning() {
    // OpenBLAS 0.3.21 given an unknown name prints "Core not found" and picks some other core.
    String w = BlasBackend.warning("Cooperlake", "Bogus", XEON_AVX512);
    assertTrue(w.contains("OPENBLAS_CORETYPE=Bogus") && w.contains("Cooperlake"), w);
    assertTrue(BlasBackend.warning("Cooperlake", "", XEON_AVX512).startsWith("OPENBLAS_CORETYPE= but"));
  }

  @Test
  void javaBackendHasNoCore() {
    BlasBackend b = BlasBackend.describe(Blas.java(), Lapack.java());
    assertFalse(b.isNative());
    assertNull(b.openblasCore());
    assertNull(b.warning());
    assertEquals(Blas.java().implementationName(), b.executorLabel());
    assertTrue(b.summaryLine().startsWith("BLAS " + b.blas() + " (Java fallback), LAPACK F2jLAPACK"), b.summaryLine());
  }

  /**
   * With the native library loaded, the core comes from OpenBLAS itself (surefire runs with
   * --add-modules=jdk.incubator.foreign and --enable-native-access); checked against
   * openblas_get_config(), whose text names the core independently of the corename call.
   */
  @Test
  void nativeBackendReportsTheOpenBlasCore() {
    Blas.nativeBackend().ifPresent(blas -> {
      BlasBackend b = BlasBackend.describe(blas, Lapack.nativeBackend().orElseThrow());
      assertTrue(b.isNative());
      assertEquals("JNIBLAS", b.blas());
      assertNotNull(b.detail());
      if (b.openblasCore() != null) {
        assertTrue(b.detail().contains(b.openblasCore()), b.detail());
        assertEquals("JNIBLAS/" + b.openblasCore(), b.executorLabel());
        assertTrue(b.summaryLine().contains("OpenBLAS core " + b.openblasCore()), b.summaryLine());
        String requested = System.getenv("OPENBLAS_CORETYPE");
        if (requested != null && requested.equalsIgnoreCase(b.openblasCore())) {
          assertNull(b.warning());
        }
      }
    });
  }

  @Test
  void currentNeverThrows() {
    BlasBackend b = BlasBackend.current();
    assertEquals(Blas.get().implementationName(), b.blas());
    assertEquals(Blas.get().isNative(), b.isNative());
  }
}
