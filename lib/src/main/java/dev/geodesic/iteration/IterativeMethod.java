package dev.geodesic.iteration;

import java.io.Serializable;

/**
 * An iterative algorithm as {@link IterationLoop} runs it: one {@link #step} per iteration, and a
 * state that can be saved and restored exactly, so that a resumed run ends as an uninterrupted
 * one. Randomness must be keyed by iteration (e.g. {@code SeedSequence} streams of
 * {@code (purpose, iteration)}) or carried in the state, never held in an unsaved generator.
 *
 * @param <S> the saved state: everything the next iterations depend on
 */
public interface IterativeMethod<S extends Serializable> {
  /** Does one iteration and reports its metrics. */
  Step step(IterationContext context);

  /** The state after the last completed step. */
  S state();

  /** Continues from a state saved by {@link #state()} of a run with the same inputs and options. */
  void restore(S state);
}
