package org.neurojoule.engine;

/**
 * Exact zeros ({@code x == 0}, so {@code -0.0} too; NaN is not zero) counted over all examples and
 * timesteps of the example data.
 *
 * @param outputZeros zeros among the layer's outputs
 * @param outputValues all its output values
 * @param inputZeros zeros among the values it reads (all inputs together)
 * @param inputValues all the values it reads
 */
public record ZeroCounts(long outputZeros, long outputValues, long inputZeros, long inputValues) {
  /** Nothing counted: no example data. */
  public static final ZeroCounts NONE = new ZeroCounts(0, 0, 0, 0);

  /** {@return both counts added, as for the applications of a reused layer} */
  ZeroCounts plus(ZeroCounts o) {
    return new ZeroCounts(
        outputZeros + o.outputZeros,
        outputValues + o.outputValues,
        inputZeros + o.inputZeros,
        inputValues + o.inputValues);
  }
}
