package org.neurojoule;

/**
 * Hears how far a firing-rate pass over example data has got: called after each mini-batch, from
 * the thread that computes the rates.
 */
@FunctionalInterface
public interface RateListener {
  /**
   * Called as the pass goes on.
   *
   * @param examplesDone examples processed so far
   * @param examplesTotal examples in the data
   * @param elapsedNanos time since the pass started
   */
  void progress(long examplesDone, long examplesTotal, long elapsedNanos);

  /** A listener that does nothing. */
  RateListener NONE = (done, total, nanos) -> {};
}
