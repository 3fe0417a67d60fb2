package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * A {@code rank}-dimensional transposed convolution: Keras' {@code Conv1DTranspose}, {@code
 * Conv2DTranspose} or {@code Conv3DTranspose}.
 *
 * <p>Input {@code (spatial..., cin)}, output {@code (out..., filters)} with Keras' rule per axis,
 * {@code k' = (k - 1) * d + 1}: without {@code outputPadding}, {@code valid}: {@code n * s + max(k'
 * - s, 0)}, {@code same}: {@code n * s}; with it, {@code (n - 1) * s + k' - 2 * pad +
 * outputPadding}, {@code pad} being 0 ({@code valid}) or {@code k' / 2} ({@code same}); {@code
 * outputPadding} must be below the stride. Parameters: {@code prod(k) * cin * filters (+ filters
 * bias)}, the kernel laid out {@code (k..., filters, cin)}. Under {@link Accounting#COMPLETE}
 * connections are input size {@code * prod(k) * filters} (each input unit scatters into a window of
 * every filter) and neurons the output size when the activation is not linear; the reference has no
 * rule (0 and a warning under {@link Accounting#KERAS_SPIKING}).
 *
 * @param rank the number of spatial axes: 1, 2 or 3
 * @param filters the number of output channels
 * @param kernelSize the kernel size, one value per spatial axis
 * @param strides the up-sampling step, one value per axis
 * @param padding how borders are treated
 * @param outputPadding the extra output length per axis, or empty for Keras' None
 * @param dilationRate the spacing of kernel elements, one value per axis
 * @param activation the activation function
 * @param useBias whether the layer adds a bias
 * @param name the name the user gave, or empty for an automatic one
 */
public record ConvTranspose(
    int rank,
    int filters,
    List<Integer> kernelSize,
    List<Integer> strides,
    Padding padding,
    List<Integer> outputPadding,
    List<Integer> dilationRate,
    Activation activation,
    boolean useBias,
    Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param filters the number of output channels
   * @param kernelSize the kernel size, one value per spatial axis
   * @param strides the up-sampling step, one value per axis
   * @param padding how borders are treated
   * @param outputPadding the extra output length per axis, or empty for Keras' None
   * @param dilationRate the spacing of kernel elements, one value per axis
   * @param activation the activation function
   * @param useBias whether the layer adds a bias
   * @param name the name the user gave, or empty for an automatic one
   */
  public ConvTranspose {
    if (rank < 1 || rank > 3) {
      throw ShapeException.invalid("transposed convolution rank must be 1, 2 or 3, was " + rank);
    }
    Checks.positive("filters", filters);
    kernelSize = Checks.perAxis("kernelSize", rank, kernelSize);
    strides = Checks.perAxis("strides", rank, strides);
    dilationRate = Checks.perAxis("dilationRate", rank, dilationRate);
    Checks.notNull(padding, "padding");
    Checks.notCausal(padding, "Conv" + rank + "DTranspose");
    Checks.notNull(activation, "activation");
    Checks.notNull(outputPadding, "outputPadding");
    if (!outputPadding.isEmpty()) {
      if (outputPadding.size() != rank) {
        throw ShapeException.invalid(
            "outputPadding takes " + rank + " values, got " + outputPadding.size());
      }
      for (int i = 0; i < rank; i++) {
        int p = outputPadding.get(i);
        if (p < 0 || p >= strides.get(i)) {
          throw ShapeException.invalid(
              "outputPadding must be >= 0 and below the stride, but"
                  + " axis "
                  + i
                  + " has outputPadding "
                  + p
                  + " and stride "
                  + strides.get(i));
        }
      }
    }
    outputPadding = List.copyOf(outputPadding);
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code Conv1DTranspose} with its defaults}
   *
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value
   */
  public static ConvTranspose conv1dTranspose(int filters, int... kernelSize) {
    return of(1, filters, kernelSize);
  }

  /**
   * {@return Keras' {@code Conv2DTranspose} with its defaults}
   *
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value for every axis, or one per axis
   */
  public static ConvTranspose conv2dTranspose(int filters, int... kernelSize) {
    return of(2, filters, kernelSize);
  }

  /**
   * {@return Keras' {@code Conv3DTranspose} with its defaults}
   *
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value for every axis, or one per axis
   */
  public static ConvTranspose conv3dTranspose(int filters, int... kernelSize) {
    return of(3, filters, kernelSize);
  }

  /**
   * {@return a transposed convolution with Keras' defaults: strides 1, valid padding, no output
   * padding, no dilation, linear, bias}
   *
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value for every axis, or one per axis
   */
  public static ConvTranspose of(int rank, int filters, int... kernelSize) {
    return new ConvTranspose(
        rank,
        filters,
        Checks.perAxis("kernelSize", rank, kernelSize),
        Checks.perAxis("strides", rank, 1),
        Padding.VALID,
        List.of(),
        Checks.perAxis("dilationRate", rank, 1),
        Activation.LINEAR,
        true,
        Optional.empty());
  }

  /**
   * {@return a copy with these strides (one value, or one per axis)}
   *
   * @param strides the up-sampling step: one value, or one per axis
   */
  public ConvTranspose strides(int... strides) {
    return new ConvTranspose(
        rank,
        filters,
        kernelSize,
        Checks.perAxis("strides", rank, strides),
        padding,
        outputPadding,
        dilationRate,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this padding}
   *
   * @param padding how borders are treated
   */
  public ConvTranspose padding(Padding padding) {
    return new ConvTranspose(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        outputPadding,
        dilationRate,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this output padding (one value, or one per axis; none for Keras' None)}
   *
   * @param outputPadding the extra output length: one value, one per axis, or none
   */
  public ConvTranspose outputPadding(int... outputPadding) {
    List<Integer> values = new ArrayList<>();
    if (outputPadding.length != 0 && outputPadding.length != 1 && outputPadding.length != rank) {
      throw ShapeException.invalid(
          "outputPadding takes 1 or " + rank + " values, got " + outputPadding.length);
    }
    for (int i = 0; outputPadding.length > 0 && i < rank; i++) {
      values.add(outputPadding[outputPadding.length == 1 ? 0 : i]);
    }
    return new ConvTranspose(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        values,
        dilationRate,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this dilation rate (one value, or one per axis)}
   *
   * @param dilationRate the spacing of kernel elements: one value, or one per axis
   */
  public ConvTranspose dilationRate(int... dilationRate) {
    return new ConvTranspose(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        outputPadding,
        Checks.perAxis("dilationRate", rank, dilationRate),
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this activation}
   *
   * @param activation the activation function
   */
  public ConvTranspose activation(Activation activation) {
    return new ConvTranspose(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        outputPadding,
        dilationRate,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with or without bias}
   *
   * @param useBias whether the layer adds a bias
   */
  public ConvTranspose useBias(boolean useBias) {
    return new ConvTranspose(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        outputPadding,
        dilationRate,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public ConvTranspose name(String name) {
    return new ConvTranspose(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        outputPadding,
        dilationRate,
        activation,
        useBias,
        Optional.of(name));
  }

  @Override
  public String type() {
    return "Conv" + rank + "DTranspose";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Checks.requireRank(inputs, rank + 1, Checks.spatialAxes(rank));
    Checks.channels(inputs);
    Shape in = Checks.single(inputs);
    int[] out = new int[rank + 1];
    for (int i = 0; i < rank; i++) {
      int n = in.get(i);
      if (n == Shape.NONE) {
        out[i] = Shape.NONE;
        continue;
      }
      long len = outputLength(i, n);
      if (len > Integer.MAX_VALUE || len < 1) {
        throw ShapeException.of(
            ShapeError.OVERFLOW,
            inputs,
            "axis "
                + i
                + " of "
                + in
                + " gives an output length of "
                + len
                + ", outside 1 to "
                + Integer.MAX_VALUE);
      }
      out[i] = (int) len;
    }
    out[rank] = filters;
    return Shape.of(out);
  }

  /** Keras' {@code deconv_output_length}, in long. */
  private long outputLength(int axis, int n) {
    long s = strides.get(axis);
    long k = (long) (kernelSize.get(axis) - 1) * dilationRate.get(axis) + 1;
    if (outputPadding.isEmpty()) {
      return padding == Padding.SAME ? n * s : n * s + Math.max(k - s, 0);
    }
    long pad = padding == Padding.SAME ? k / 2 : 0;
    return (n - 1) * s + k - 2 * pad + outputPadding.get(axis);
  }

  /**
   * {@return the padding before each spatial axis: where the transposed window of input 0 starts,
   * as the matching forward convolution pads its input of the output's length}
   *
   * @param inputShape the concrete input shape {@code (spatial..., cin)}
   * @param outputShape the concrete output shape {@code (out..., filters)}
   */
  public int[] padBefore(int[] inputShape, int[] outputShape) {
    int[] pad = new int[rank];
    for (int i = 0; padding == Padding.SAME && i < rank; i++) {
      long k = (long) (kernelSize.get(i) - 1) * dilationRate.get(i) + 1;
      long total = (long) (inputShape[i] - 1) * strides.get(i) + k - outputShape[i];
      pad[i] = (int) (Math.max(total, 0) / 2);
    }
    return pad;
  }

  /** Kernel {@code (k..., filters, cin)}, then bias {@code (filters,)} with {@code useBias}. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    int[] k = new int[rank() + 2];
    for (int i = 0; i < rank(); i++) {
      k[i] = kernelSize().get(i);
    }
    k[rank()] = filters();
    k[rank() + 1] = cin;
    return useBias()
        ? List.of(
            WeightShapes.Weight.glorot("kernel", k), WeightShapes.Weight.zeros("bias", filters()))
        : List.of(WeightShapes.Weight.glorot("kernel", k));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long cin = Checks.channels(inputs);
    long kernel = Math.multiplyExact(Math.multiplyExact(Checks.product(kernelSize), cin), filters);
    return ParamCount.trainable(useBias ? Math.addExact(kernel, filters) : kernel);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.empty();
    }
    long in = Checks.unitsPerStep(Checks.single(inputs), inputs, "input");
    long size = Checks.unitsPerStep(output, inputs, "output");
    long connections =
        Math.multiplyExact(Math.multiplyExact(in, Checks.product(kernelSize)), filters);
    return Optional.of(LayerStats.withActivation(connections, size, activation));
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.CONVOLUTION;
  }

  @Override
  public String describe() {
    String head = "conv" + rank + "dTranspose(" + filters + ", ";
    String base =
        Describe.window(head, kernelSize, strides, padding, dilationRate, activation, useBias);
    return outputPadding.isEmpty()
        ? base
        : base.substring(0, base.length() - 1)
            + ", output padding "
            + Checks.dims(outputPadding)
            + ")";
  }
}
