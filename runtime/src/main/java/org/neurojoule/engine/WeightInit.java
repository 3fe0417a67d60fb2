package org.neurojoule.engine;

import java.util.List;
import java.util.SplittableRandom;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;

/**
 * Keras' default initial weights, as each spec names them: glorot_uniform kernels, zero biases, BN
 * ones/zeros/zeros/ones, uniform(-0.05, 0.05) embeddings, constant(value) filter time constants.
 */
public final class WeightInit {
  private WeightInit() {}

  /** Sets the weights of every layer of {@code model} that has weights, deterministically. */
  public static void initialize(Model model, long seed) {
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (!WeightShapes.hasWeights(layer.spec())) {
        continue;
      }
      layer.setWeights(defaults(layer, model, seed, i));
    }
  }

  /**
   * The zeros among the kernel weights of {@code layer} (arrays named {@code kernel}, {@code
   * depthwise_kernel}, {@code pointwise_kernel}, {@code recurrent_kernel}; no biases, no
   * normalization statistics, no embeddings) and their number: of the weights set, or of the
   * defaults a forward pass uses. {0, 0} for a layer without kernels.
   */
  public static long[] kernelZeros(Layer layer, Model model) {
    if (!WeightShapes.hasWeights(layer.spec())) {
      return new long[2];
    }
    List<float[]> given = layer.weights();
    float[][] w =
        given.isEmpty()
            ? defaults(layer, model, Forward.DEFAULT_WEIGHT_SEED, model.indexOf(layer))
            : given.toArray(float[][]::new);
    Tensor first = model.applications(layer).get(0);
    List<WeightShapes.Weight> shapes =
        WeightShapes.of(layer.spec(), first.inputs().stream().map(Tensor::shape).toList());
    long[] counts = new long[2];
    for (int j = 0; j < w.length && j < shapes.size(); j++) {
      if (shapes.get(j).name().endsWith("kernel")) {
        counts[0] += Zeros.of(w[j], 0, w[j].length);
        counts[1] += w[j].length;
      }
    }
    return counts;
  }

  /** The default weights of {@code layer} (the {@code index}-th of the model) for {@code seed}. */
  static float[][] defaults(Layer layer, Model model, long seed, int index) {
    Tensor first = model.applications(layer).get(0);
    List<Shape> in = first.inputs().stream().map(Tensor::shape).toList();
    List<WeightShapes.Weight> shapes = WeightShapes.of(layer.spec(), in);
    SplittableRandom random = new SplittableRandom(mix(seed, index));
    float[][] w = new float[shapes.size()][];
    for (int j = 0; j < w.length; j++) {
      WeightShapes.Weight weight = shapes.get(j);
      float[] a =
          Buffers.floats(
              length(weight), "layer '" + model.nameOf(layer) + "': its default " + weight);
      w[j] = values(weight, a, random.split());
    }
    return w;
  }

  /** The number of values of {@code weight}, in long (its int size may not hold it). */
  static long length(WeightShapes.Weight weight) {
    long n = 1;
    for (int d : weight.shape()) {
      n = Buffers.times(n, d);
    }
    return n;
  }

  /** Fills {@code a} with {@code weight}'s initializer. */
  static float[] values(WeightShapes.Weight weight, float[] a, SplittableRandom random) {
    String init = weight.initializer();
    if (init.startsWith("constant(") && init.endsWith(")")) {
      // Keras' Constant(value), written constant(0.01) by the spec
      java.util.Arrays.fill(a, Float.parseFloat(init.substring(9, init.length() - 1)));
      return a;
    }
    switch (init) {
      case "ones" -> java.util.Arrays.fill(a, 1f);
      case "zeros" -> {}
      case "uniform" -> {
        // Keras' RandomUniform(-0.05, 0.05), the Embedding default.
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) ((random.nextDouble() * 2 - 1) * 0.05);
        }
      }
      // orthogonal (a recurrent kernel): glorot_uniform keeps the same scale here
      default -> {
        int[] s = weight.shape();
        long receptive = 1;
        for (int i = 0; i < s.length - 2; i++) {
          receptive *= s[i];
        }
        double fanIn = s.length >= 2 ? (double) receptive * s[s.length - 2] : s[0];
        double fanOut = s.length >= 2 ? (double) receptive * s[s.length - 1] : s[0];
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
      }
    }
    return a;
  }

  static long mix(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
