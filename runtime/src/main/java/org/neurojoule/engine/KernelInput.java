package org.neurojoule.engine;

import java.util.function.Supplier;

/** What a {@link Kernel} may ask about the layer it makes an op for. */
final class KernelInput {
  private final Supplier<float[][]> weights;
  private final int[][] inputShapes;

  KernelInput(Supplier<float[][]> weights, int[][] inputShapes) {
    this.weights = weights;
    this.inputShapes = inputShapes;
  }

  /** The layer's weight arrays in Keras' order, checked against the shapes its input needs. */
  float[][] weights() {
    return weights.get();
  }

  /** The concrete shape of one example of input {@code i} (without the batch). */
  int[] inputShape(int i) {
    return inputShapes[i].clone();
  }
}
