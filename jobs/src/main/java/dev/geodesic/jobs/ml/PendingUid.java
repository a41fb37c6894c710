package dev.geodesic.jobs.ml;

/**
 * The uid of an estimator or model under construction. Spark's Scala base classes create their params
 * ({@code featuresCol}, …) in their constructor, and each param records {@code uid()} of its owner; a
 * Scala class assigns its {@code uid} field before that, a Java class can only after {@code super()}.
 * So a Java constructor parks the uid here (in the argument of its {@code this(…)} call, which runs
 * before {@code super()}) and {@code uid()} reads it until the field is set.
 */
final class PendingUid {
  private static final ThreadLocal<String> NEXT = new ThreadLocal<>();

  private PendingUid() {}

  /** Parks {@code uid} for the constructor about to run on this thread; returns it. */
  static String park(String uid) {
    if (uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("a uid must be non-empty");
    }
    NEXT.set(uid);
    return uid;
  }

  /** The parked uid (during the super constructor). */
  static String parked() {
    String uid = NEXT.get();
    if (uid == null) {
      throw new IllegalStateException("uid() called during construction without a parked uid");
    }
    return uid;
  }

  /** Ends the construction: the object holds its uid in its own field from now on. */
  static void release() {
    NEXT.remove();
  }
}
