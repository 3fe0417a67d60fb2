package org.neurojoule;

import java.util.List;
import java.util.Objects;

/**
 * The activity metrics of a whole model: each layer's {@link LayerActivity} and their totals.
 *
 * @param layers every layer's metrics, in layer order
 */
public record ModelActivity(List<LayerActivity> layers) {

  /**
   * Copies the list.
   *
   * @param layers every layer's metrics, in layer order
   */
  public ModelActivity {
    layers = List.copyOf(Objects.requireNonNull(layers, "layers == null"));
  }

  /**
   * {@return the fraction of zeros among the outputs of the layers that have neurons (activation
   * layers and layers with a non-linear activation), pooled, as NeuroBench's activation sparsity;
   * NaN without example data or without such layers}
   */
  public double activationSparsity() {
    long zeros = 0;
    long values = 0;
    for (LayerActivity a : layers) {
      if (a.neurons() > 0) {
        zeros += a.outputZeros();
        values += a.outputValues();
      }
    }
    return LayerActivity.fraction(zeros, values);
  }

  /** {@return zero kernel weights over all kernel weights; NaN for a model without kernels} */
  public double weightSparsity() {
    long zeros = 0;
    long all = 0;
    for (LayerActivity a : layers) {
      zeros += a.zeroWeights();
      all += a.kernelWeights();
    }
    return LayerActivity.fraction(zeros, all);
  }

  /**
   * {@return the bytes of all weight arrays as stored ({@link LayerActivity#footprintBytes()}),
   * summed over layers}
   *
   * @throws IllegalArgumentException if the sum passes {@code 2^63-1}
   */
  public long footprintBytes() {
    long sum = 0;
    for (LayerActivity a : layers) {
      sum = add(sum, a.footprintBytes(), "footprint");
    }
    return sum;
  }

  /**
   * {@return the bytes of all parameters in {@code dtype}, summed over layers}
   *
   * @param dtype the storage format
   * @throws IllegalArgumentException if the sum passes {@code 2^63-1}
   */
  public long footprintBytes(Dtype dtype) {
    long sum = 0;
    for (LayerActivity a : layers) {
      sum = add(sum, a.footprintBytes(dtype), "footprint");
    }
    return sum;
  }

  /**
   * {@return the dense operations of one inference, summed over layers}
   *
   * @param timesteps the timesteps per inference
   * @throws IllegalArgumentException if the sum passes {@code 2^63-1}
   */
  public long denseOps(int timesteps) {
    long sum = 0;
    for (LayerActivity a : layers) {
      sum = add(sum, a.denseOps(timesteps), "dense operations");
    }
    return sum;
  }

  /**
   * {@return the effective MACs of one inference, summed over layers; NaN without example data}
   *
   * @param timesteps the timesteps per inference
   */
  public double effectiveMacs(int timesteps) {
    return layers.stream().mapToDouble(a -> a.effectiveMacs(timesteps)).sum();
  }

  /**
   * {@return the effective ACs of one inference, summed over layers; NaN without example data}
   *
   * @param timesteps the timesteps per inference
   */
  public double effectiveAcs(int timesteps) {
    return layers.stream().mapToDouble(a -> a.effectiveAcs(timesteps)).sum();
  }

  private static long add(long a, long b, String what) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the model's " + what + " pass 2^63-1", e);
    }
  }
}
