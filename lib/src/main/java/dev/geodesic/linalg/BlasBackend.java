package dev.geodesic.linalg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What runs this JVM's BLAS and LAPACK calls, as reported at start-up and in {@code summary.json}:
 * the netlib implementations, whether they are native, and for native OpenBLAS the kernel set it
 * chose ({@code openblas_get_corename()}, asked through {@link OpenBlasProbe}).
 *
 * <p>Why the core matters: Debian's OpenBLAS 0.3.21 does not recognise recent Xeons and falls back
 * to its SSE3 "Prescott" kernels, several times slower than the AVX2/AVX-512 ones the CPU can run
 * (measured in {@code docs/blas.md}); {@link #warning()} then names the {@code OPENBLAS_CORETYPE}
 * to set.
 *
 * @param blas netlib BLAS class, e.g. {@code JNIBLAS}, {@code VectorBLAS}
 * @param lapack netlib LAPACK class, e.g. {@code JNILAPACK}, {@code F2jLAPACK}
 * @param isNative whether the BLAS is the native JNI one
 * @param openblasCore the OpenBLAS core name (e.g. {@code Prescott}, {@code SkylakeX}); null when the
 *     BLAS is not native, not OpenBLAS, or the query was not possible
 * @param detail OpenBLAS's build configuration and thread count, or why the core is unknown; null
 *     for a Java BLAS
 * @param warning set when OpenBLAS runs kernels far below what the CPU supports, or not the core
 *     {@code OPENBLAS_CORETYPE} asked for; null otherwise
 */
public record BlasBackend(String blas, String lapack, boolean isNative, String openblasCore, String detail,
    String warning) {

  /** Cores older than AVX2 (OpenBLAS's x86-64 {@code corename[]} list): fallbacks on an AVX2 CPU. */
  static final Set<String> PRE_AVX2_CORES = Set.of("katmai", "coppermine", "northwood", "prescott", "banias",
      "atom", "core2", "penryn", "dunnington", "nehalem", "sandybridge", "athlon", "opteron", "opteron_sse3",
      "barcelona", "bobcat", "bulldozer", "piledriver", "steamroller", "nano");

  private static volatile BlasBackend current;

  /** The process-wide backends ({@link Blas#get()}, {@link Lapack#get()}), described once. */
  public static BlasBackend current() {
    BlasBackend b = current;
    if (b == null) {
      b = describe(Blas.get(), Lapack.get());
      current = b;
    }
    return b;
  }

  /** Describes the given backends; never throws for lack of a module, library or symbol. */
  public static BlasBackend describe(Blas blas, Lapack lapack) {
    if (!blas.isNative()) {
      return new BlasBackend(blas.implementationName(), lapack.implementationName(), false, null, null, null);
    }
    String core = null;
    String detail;
    if (ModuleLayer.boot().findModule("jdk.incubator.foreign").isEmpty()) {
      detail = "OpenBLAS core unknown: the JVM needs --add-modules=jdk.incubator.foreign to ask";
    } else {
      try {
        OpenBlasProbe.Answer a = OpenBlasProbe.query(nativeLibraryName());
        if (!a.loaded()) {
          detail = "OpenBLAS core unknown: " + nativeLibraryName() + " is not loaded";
        } else if (a.coreName() == null) {
          detail = "not OpenBLAS (" + nativeLibraryName() + " has no openblas_get_corename)";
        } else {
          core = a.coreName();
          detail = (a.config() == null ? "OpenBLAS" : a.config())
              + (a.threads() == null ? "" : ", " + a.threads() + (a.threads() == 1 ? " thread" : " threads"));
        }
      } catch (IllegalCallerException e) {
        detail = "OpenBLAS core unknown: the JVM needs --enable-native-access=ALL-UNNAMED to ask";
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        // Any other failure of the foreign call (a different JDK's incubator API, no libc symbol):
        // the core is only reported, so it stays unknown rather than stopping the job.
        detail = "OpenBLAS core unknown: " + e;
      }
    }
    String warning = core == null ? null : warning(core, System.getenv("OPENBLAS_CORETYPE"), Cpu.current());
    return new BlasBackend(blas.implementationName(), lapack.implementationName(), true, core, detail, warning);
  }

  /** The library netlib's JNI glue dlopens (its own properties, its own default). */
  static String nativeLibraryName() {
    String path = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath");
    if (path != null && !path.isBlank()) {
      return path;
    }
    return System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
  }

  /**
   * The warning for OpenBLAS running {@code core} on {@code cpu} when {@code OPENBLAS_CORETYPE} is
   * {@code requested} (null: unset), or null when there is nothing to say.
   */
  static String warning(String core, String requested, Cpu cpu) {
    // Set, even empty: OpenBLAS 0.3.21 then does not detect the CPU, and an unknown name (or "")
    // gets some other core after a "Core not found" line.
    if (requested != null) {
      if (requested.trim().equalsIgnoreCase(core)) {
        return null; // what the user asked for, even an old core
      }
      return "OPENBLAS_CORETYPE=" + requested.trim() + " but OpenBLAS runs its " + core
          + " kernels: the name is not one this OpenBLAS knows, or a core this CPU or OS cannot run";
    }
    String better = cpu.bestCoreType();
    if (better == null || !PRE_AVX2_CORES.contains(core.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return "OpenBLAS did not recognise this CPU (" + cpu.widestVectorSet() + ") and runs its " + core
        + " kernels; set OPENBLAS_CORETYPE=" + better + " for the " + better
        + " kernels (dgemm/dsyrk 3-10x faster than Prescott in docs/blas.md)";
  }

  /** One line for the start-up log: {@code BLAS JNIBLAS (native, OpenBLAS core Prescott), LAPACK JNILAPACK}. */
  public String summaryLine() {
    String how;
    if (!isNative) {
      how = "Java fallback";
    } else if (openblasCore != null) {
      how = "native, OpenBLAS core " + openblasCore;
    } else {
      how = "native, " + detail;
    }
    return "BLAS " + blas + " (" + how + "), LAPACK " + lapack;
  }

  /** What an executor reports: {@code JNIBLAS/Prescott}, {@code JNIBLAS} (core unknown), {@code VectorBLAS}. */
  public String executorLabel() {
    return openblasCore == null ? blas : blas + "/" + openblasCore;
  }

  /** The CPU vendor and feature flags from {@code /proc/cpuinfo}. */
  record Cpu(String vendor, Set<String> flags) {
    static Cpu current() {
      try {
        return parse(Files.readString(Path.of("/proc/cpuinfo")));
      } catch (IOException | RuntimeException e) {
        return new Cpu("", Set.of());
      }
    }

    /** The first processor's {@code vendor_id} and {@code flags}. */
    static Cpu parse(String cpuinfo) {
      String vendor = "";
      Set<String> flags = Set.of();
      for (String line : cpuinfo.split("\n")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String key = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (key.equals("vendor_id") && vendor.isEmpty()) {
          vendor = value;
        } else if (key.equals("flags") && flags.isEmpty()) {
          flags = Set.of(value.split("\\s+"));
        }
      }
      return new Cpu(vendor, flags);
    }

    /**
     * The OPENBLAS_CORETYPE with the widest kernels this CPU runs: SkylakeX with AVX-512F (Intel),
     * Haswell with AVX2, Zen on AMD with AVX2 (OpenBLAS 0.3.21 has no Zen 4 core); null without AVX2.
     */
    String bestCoreType() {
      if (!flags.contains("avx2")) {
        return null;
      }
      if (vendor.equals("AuthenticAMD")) {
        return "Zen";
      }
      return flags.contains("avx512f") ? "SkylakeX" : "Haswell";
    }

    String widestVectorSet() {
      return flags.contains("avx512f") ? "AVX-512F" : flags.contains("avx2") ? "AVX2" : "no AVX2";
    }
  }
}
