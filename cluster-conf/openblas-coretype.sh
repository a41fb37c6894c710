# Sourced (never executed) by ./geodesic and by the bench scripts that run BLAS, so that they all
# pick the same OpenBLAS kernels. OpenBLAS 0.3.21 (Debian 12) does not recognise recent CPUs and
# falls back to its SSE3 Prescott kernels: on an AVX-512 Xeon its SkylakeX kernels ran dgemm/dsyrk
# 3-10x faster, to the same rounding (docs/blas.md). Unless the user chose a core, pick the widest
# kernels the CPU flags allow: Zen on AMD with AVX2, SkylakeX with AVX-512F, Haswell with AVX2, else
# leave it unset (OpenBLAS's own detection). Never export it empty: OpenBLAS takes "" for an unknown
# name and picks some other core. POSIX sh, so that any shell can source it; it defines no names
# beyond OPENBLAS_CORETYPE. cluster-conf/spark-env.sh keeps a copy of the same mapping, because it is
# copied on its own into each node's $SPARK_CONF_DIR.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  _geodesic_flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  case "$_geodesic_flags" in
    *" avx2 "*)
      if grep -q -m1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo; then export OPENBLAS_CORETYPE=Zen
      else
        case "$_geodesic_flags" in
          *" avx512f "*) export OPENBLAS_CORETYPE=SkylakeX ;;
          *) export OPENBLAS_CORETYPE=Haswell ;;
        esac
      fi ;;
  esac
  unset _geodesic_flags
fi
