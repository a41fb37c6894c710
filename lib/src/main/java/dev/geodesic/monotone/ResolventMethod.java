package dev.geodesic.monotone;

import java.io.Serializable;

/**
 * What the extragradient and Halpern methods share: the problem and the iterate u, which starts at
 * the resolvent J_{sG} of the given start (s the method's own scale).
 */
abstract class ResolventMethod<S extends Serializable> implements MonotoneMethod<S> {
  protected final MonotoneInclusion problem;
  protected double[] u;

  ResolventMethod(MonotoneInclusion problem, double[] start, double scale) {
    this.problem = problem;
    this.u = start.clone();
    problem.resolvent().apply(u, scale, u);
  }

  @Override
  public final MonotoneInclusion problem() {
    return problem;
  }

  @Override
  public final double[] iterate() {
    return u.clone();
  }
}
