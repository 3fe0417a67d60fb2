package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.Accounting;
import org.neurojoule.Activation;
import org.neurojoule.Padding;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code SeparableConv2D}: a depthwise convolution followed by a 1x1 convolution to {@code
 * filters} channels.
 *
 * <p>Output {@code (out_rows, out_cols, filters)}, spatial sizes as for {@link Conv}. Parameters:
 * {@code kh * kw * cin * dm + cin * dm * filters (+ filters bias)}. Connections: KerasSpiking has
 * no rule (zero and a warning); {@link Accounting#COMPLETE} counts the depthwise part {@code
 * out_spatial * cin * dm * kh * kw} plus the pointwise part {@code out_spatial * cin * dm *
 * filters}.
 */
public record SeparableConv2D(
    int filters,
    List<Integer> kernelSize,
    int depthMultiplier,
    List<Integer> strides,
    Padding padding,
    List<Integer> dilationRate,
    Activation activation,
    boolean useBias,
    Optional<String> name)
    implements LayerSpec {

  public SeparableConv2D {
    Checks.positive("filters", filters);
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
  public static SeparableConv2D of(int filters, int... kernelSize) {
    return new SeparableConv2D(filters, Checks.perAxis("kernelSize", 2, kernelSize), 1,
        List.of(1, 1), Padding.VALID, List.of(1, 1), Activation.LINEAR, true, Optional.empty());
  }

  /** A copy with this depth multiplier. */
  public SeparableConv2D depthMultiplier(int depthMultiplier) {
    return new SeparableConv2D(filters, kernelSize, depthMultiplier, strides, padding,
        dilationRate, activation, useBias, name);
  }

  /** A copy with this kernel size (one value, or one per axis, such as {@code kernelSize(1, 7)}). */
  public SeparableConv2D kernelSize(int... kernelSize) {
    return new SeparableConv2D(filters, Checks.perAxis("kernelSize", 2, kernelSize),
        depthMultiplier, strides, padding, dilationRate, activation, useBias, name);
  }

  /** A copy with these strides (one value, or one per axis). */
  public SeparableConv2D strides(int... strides) {
    return new SeparableConv2D(filters, kernelSize, depthMultiplier,
        Checks.perAxis("strides", 2, strides), padding, dilationRate, activation, useBias, name);
  }

  /** A copy with this padding. */
  public SeparableConv2D padding(Padding padding) {
    return new SeparableConv2D(filters, kernelSize, depthMultiplier, strides, padding,
        dilationRate, activation, useBias, name);
  }

  /** A copy with this dilation rate (one value, or one per axis). */
  public SeparableConv2D dilationRate(int... dilationRate) {
    return new SeparableConv2D(filters, kernelSize, depthMultiplier, strides, padding,
        Checks.perAxis("dilationRate", 2, dilationRate), activation, useBias, name);
  }

  /** A copy with this activation. */
  public SeparableConv2D activation(Activation activation) {
    return new SeparableConv2D(filters, kernelSize, depthMultiplier, strides, padding,
        dilationRate, activation, useBias, name);
  }

  /** A copy with or without bias. */
  public SeparableConv2D useBias(boolean useBias) {
    return new SeparableConv2D(filters, kernelSize, depthMultiplier, strides, padding,
        dilationRate, activation, useBias, name);
  }

  /** A copy with this name. */
  public SeparableConv2D name(String name) {
    return new SeparableConv2D(filters, kernelSize, depthMultiplier, strides, padding,
        dilationRate, activation, useBias, Optional.of(name));
  }

  @Override
  public String type() {
    return "SeparableConv2D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    int[] spatial = Windows.slide(inputs, 2, kernelSize, strides, dilationRate,
        padding, "kernel");
    Checks.channels(inputs);
    return Shape.of(spatial[0], spatial[1], filters);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long mid = Math.multiplyExact((long) Checks.channels(inputs), depthMultiplier);
    long depthwise = Math.multiplyExact(Checks.product(kernelSize), mid);
    long pointwise = Math.multiplyExact(mid, filters);
    long weights = Math.addExact(depthwise, pointwise);
    return ParamCount.trainable(useBias ? Math.addExact(weights, filters) : weights);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.empty();
    }
    long size = Checks.unitsPerStep(output, inputs, "output");
    long mid = Math.multiplyExact((long) Checks.channels(inputs), depthMultiplier);
    long spatial = size / filters;
    long depthwise = Math.multiplyExact(Math.multiplyExact(spatial, mid), Checks.product(kernelSize));
    long pointwise = Math.multiplyExact(Math.multiplyExact(spatial, mid), filters);
    return Optional.of(
        LayerStats.withActivation(Math.addExact(depthwise, pointwise), size, activation));
  }

  @Override
  public String describe() {
    String head = "separableConv2d(" + filters + ", "
        + (depthMultiplier == 1 ? "" : "x" + depthMultiplier + ", ");
    return Describe.window(head, kernelSize, strides, padding, dilationRate, activation, useBias);
  }
}
