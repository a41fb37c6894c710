package dev.geodesic.linalg;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.ResourceScope;
import jdk.incubator.foreign.SymbolLookup;

/**
 * Asks the BLAS library netlib loaded which OpenBLAS kernels it runs, through Java 17's incubating
 * foreign linker. The only class that touches {@code jdk.incubator.foreign}: {@link BlasBackend}
 * loads it only when that module is in the boot layer, so without
 * {@code --add-modules=jdk.incubator.foreign} nothing here is linked.
 *
 * <p>netlib's JNI glue {@code dlopen}s the library by name ({@code libblas.so.3}, or its
 * {@code dev.ludovic.netlib.blas.nativeLib[Path]} property). {@code dlopen} with {@code RTLD_NOLOAD}
 * returns that very handle, or null when it is not loaded, and never loads a second copy; {@code
 * dlsym} on the handle also searches its dependencies (Debian's {@code libblas.so.3} alternative
 * links {@code libopenblas.so.0}).
 */
final class OpenBlasProbe {
  private static final int RTLD_LAZY = 0x1;
  private static final int RTLD_NOLOAD = 0x4; // glibc's value; netlib ships Linux glue only

  private OpenBlasProbe() {}

  /** What the library answered; any field is null when the library does not export it. */
  record Answer(boolean loaded, String coreName, String config, Integer threads) {}

  /**
   * @throws IllegalCallerException without {@code --enable-native-access} for this module
   */
  static Answer query(String library) throws Throwable {
    CLinker linker = CLinker.getInstance();
    SymbolLookup libc = CLinker.systemLookup();
    MethodHandle dlopen = linker.downcallHandle(libc.lookup("dlopen").orElseThrow(),
        MethodType.methodType(MemoryAddress.class, MemoryAddress.class, int.class),
        FunctionDescriptor.of(CLinker.C_POINTER, CLinker.C_POINTER, CLinker.C_INT));
    MethodHandle dlsym = linker.downcallHandle(libc.lookup("dlsym").orElseThrow(),
        MethodType.methodType(MemoryAddress.class, MemoryAddress.class, MemoryAddress.class),
        FunctionDescriptor.of(CLinker.C_POINTER, CLinker.C_POINTER, CLinker.C_POINTER));
    try (ResourceScope scope = ResourceScope.newConfinedScope()) {
      MemoryAddress handle = (MemoryAddress) dlopen.invokeExact(
          CLinker.toCString(library, scope).address(), RTLD_LAZY | RTLD_NOLOAD);
      if (handle.equals(MemoryAddress.NULL)) {
        return new Answer(false, null, null, null);
      }
      // The handle's reference count went up by one; the library stays loaded for the JVM's life
      // anyway (netlib never closes it), so it is not dlclose'd here.
      MemoryAddress core = (MemoryAddress) dlsym.invokeExact(handle,
          CLinker.toCString("openblas_get_corename", scope).address());
      MemoryAddress config = (MemoryAddress) dlsym.invokeExact(handle,
          CLinker.toCString("openblas_get_config", scope).address());
      MemoryAddress threads = (MemoryAddress) dlsym.invokeExact(handle,
          CLinker.toCString("openblas_get_num_threads", scope).address());
      return new Answer(true, callString(linker, core), callString(linker, config), callInt(linker, threads));
    }
  }

  /** Calls {@code const char *f(void)}; null when the symbol is absent or returns NULL. */
  private static String callString(CLinker linker, MemoryAddress f) throws Throwable {
    if (f.equals(MemoryAddress.NULL)) {
      return null;
    }
    MemoryAddress s = (MemoryAddress) linker.downcallHandle(f, MethodType.methodType(MemoryAddress.class),
        FunctionDescriptor.of(CLinker.C_POINTER)).invokeExact();
    return s.equals(MemoryAddress.NULL) ? null : CLinker.toJavaString(s).trim();
  }

  /** Calls {@code int f(void)}; null when the symbol is absent. */
  private static Integer callInt(CLinker linker, MemoryAddress f) throws Throwable {
    if (f.equals(MemoryAddress.NULL)) {
      return null;
    }
    return (int) linker.downcallHandle(f, MethodType.methodType(int.class),
        FunctionDescriptor.of(CLinker.C_INT)).invokeExact();
  }
}
