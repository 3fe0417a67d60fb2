package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.Accounting;
import org.neurojoule.Activation;
import org.neurojoule.Padding;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code DepthwiseConv2D}: each input channel convolved with its own {@code
 * depthMultiplier} kernels.
 *
 * <p>Input {@code (rows, cols, cin)}, output {@code (out_rows, out_cols, cin * depthMultiplier)},
 * spatial sizes as for {@link Conv}. Parameters: {@code kh * kw * cin * dm (+ cin * dm bias)}.
 * Connections: KerasSpiking has no rule (zero and a warning); {@link Accounting#COMPLETE} counts
 * output size {@code * kh * kw}.
 */
public record DepthwiseConv2D(
    List<Integer> kernelSize,
    int depthMultiplier,
    List<Integer> strides,
    Padding padding,
    List<Integer> dilationRate,
    Activation activation,
    boolean useBias,
    Optional<String> name)
    implements LayerSpec {

  public DepthwiseConv2D {
    kernelSize = Checks.perAxis("kernelSize", 2, kernelSize);
    Checks.positive("depthMultiplier", depthMultiplier);
    strides = Checks.perAxis("strides", 2, strides);
    dilationRate = Checks.perAxis("dilationRate", 2, dilationRate);
    Checks.notNull(padding, "padding");
    Checks.notNull(activation, "activation");
    name = Checks.name(name);
    Checks.stridesOrDilation(strides, dilationRate);
  }

  /** Keras' defaults: depth multiplier 1, strides 1, valid padding, linear, bias. */
  public static DepthwiseConv2D of(int... kernelSize) {
    return new DepthwiseConv2D(Checks.perAxis("kernelSize", 2, kernelSize), 1,
        List.of(1, 1), Padding.VALID, List.of(1, 1), Activation.LINEAR, true, Optional.empty());
  }

  /** A copy with this depth multiplier. */
  public DepthwiseConv2D depthMultiplier(int depthMultiplier) {
    return new DepthwiseConv2D(kernelSize, depthMultiplier, strides, padding, dilationRate,
        activation, useBias, name);
  }

  /** A copy with this kernel size (one value, or one per axis, such as {@code kernelSize(1, 7)}). */
  public DepthwiseConv2D kernelSize(int... kernelSize) {
    return new DepthwiseConv2D(Checks.perAxis("kernelSize", 2, kernelSize), depthMultiplier,
        strides, padding, dilationRate, activation, useBias, name);
  }

  /** A copy with these strides (one value, or one per axis). */
  public DepthwiseConv2D strides(int... strides) {
    return new DepthwiseConv2D(kernelSize, depthMultiplier, Checks.perAxis("strides", 2, strides),
        padding, dilationRate, activation, useBias, name);
  }

  /** A copy with this padding. */
  public DepthwiseConv2D padding(Padding padding) {
    return new DepthwiseConv2D(kernelSize, depthMultiplier, strides, padding, dilationRate,
        activation, useBias, name);
  }

  /** A copy with this dilation rate (one value, or one per axis). */
  public DepthwiseConv2D dilationRate(int... dilationRate) {
    return new DepthwiseConv2D(kernelSize, depthMultiplier, strides, padding,
        Checks.perAxis("dilationRate", 2, dilationRate), activation, useBias, name);
  }

  /** A copy with this activation. */
  public DepthwiseConv2D activation(Activation activation) {
    return new DepthwiseConv2D(kernelSize, depthMultiplier, strides, padding, dilationRate,
        activation, useBias, name);
  }

  /** A copy with or without bias. */
  public DepthwiseConv2D useBias(boolean useBias) {
    return new DepthwiseConv2D(kernelSize, depthMultiplier, strides, padding, dilationRate,
        activation, useBias, name);
  }

  /** A copy with this name. */
  public DepthwiseConv2D name(String name) {
    return new DepthwiseConv2D(kernelSize, depthMultiplier, strides, padding, dilationRate,
        activation, useBias, Optional.of(name));
  }

  @Override
  public String type() {
    return "DepthwiseConv2D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    int[] spatial = Windows.slide(inputs, 2, kernelSize, strides, dilationRate,
        padding, "kernel");
    int cin = Checks.channels(inputs);
    return Shape.of(spatial[0], spatial[1], Math.multiplyExact(cin, depthMultiplier));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long channels = Math.multiplyExact((long) Checks.channels(inputs), depthMultiplier);
    long kernel = Math.multiplyExact(Checks.product(kernelSize), channels);
    return ParamCount.trainable(useBias ? Math.addExact(kernel, channels) : kernel);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.empty();
    }
    long size = Checks.unitsPerStep(output, inputs, "output");
    long connections = Math.multiplyExact(size, Checks.product(kernelSize));
    return Optional.of(LayerStats.withActivation(connections, size, activation));
  }

  @Override
  public String describe() {
    String head = "depthwiseConv2d(" + (depthMultiplier == 1 ? "" : "x" + depthMultiplier + ", ");
    return Describe.window(head, kernelSize, strides, padding, dilationRate, activation, useBias);
  }
}
