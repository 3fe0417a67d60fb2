package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
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

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param filters the number of output channels
   * @param kernelSize the kernel size, one value per spatial axis
   * @param depthMultiplier the number of output channels per input channel
   * @param strides the step between windows, one value per axis
   * @param padding how borders are treated
   * @param dilationRate the spacing of kernel elements, one value per axis
   * @param activation the activation function
   * @param useBias whether the layer adds a bias
   * @param name the name the user gave, or empty for an automatic one
   */
  public SeparableConv2D {
    Checks.positive("filters", filters);
    kernelSize = Checks.perAxis("kernelSize", 2, kernelSize);
    Checks.positive("depthMultiplier", depthMultiplier);
    strides = Checks.perAxis("strides", 2, strides);
    dilationRate = Checks.perAxis("dilationRate", 2, dilationRate);
    Checks.notNull(padding, "padding");
    Checks.notCausal(padding, "SeparableConv2D");
    Checks.notNull(activation, "activation");
    name = Checks.name(name);
  }

  /**
   * {@return Keras' defaults: depth multiplier 1, strides 1, valid padding, linear, bias}
   *
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value for both axes, or one per axis
   */
  public static SeparableConv2D of(int filters, int... kernelSize) {
    return new SeparableConv2D(
        filters,
        Checks.perAxis("kernelSize", 2, kernelSize),
        1,
        List.of(1, 1),
        Padding.VALID,
        List.of(1, 1),
        Activation.LINEAR,
        true,
        Optional.empty());
  }

  /**
   * {@return a copy with this depth multiplier}
   *
   * @param depthMultiplier the number of output channels per input channel
   */
  public SeparableConv2D depthMultiplier(int depthMultiplier) {
    return new SeparableConv2D(
        filters,
        kernelSize,
        depthMultiplier,
        strides,
        padding,
        dilationRate,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this kernel size (one value, or one per axis)}
   *
   * @param kernelSize the window's size: one value, or one per axis, such as {@code kernelSize(1,
   *     7)}
   */
  public SeparableConv2D kernelSize(int... kernelSize) {
    return new SeparableConv2D(
        filters,
        Checks.perAxis("kernelSize", 2, kernelSize),
        depthMultiplier,
        strides,
        padding,
        dilationRate,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with these strides (one value, or one per axis)}
   *
   * @param strides the step between windows: one value, or one per axis
   */
  public SeparableConv2D strides(int... strides) {
    return new SeparableConv2D(
        filters,
        kernelSize,
        depthMultiplier,
        Checks.perAxis("strides", 2, strides),
        padding,
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
  public SeparableConv2D padding(Padding padding) {
    return new SeparableConv2D(
        filters,
        kernelSize,
        depthMultiplier,
        strides,
        padding,
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
  public SeparableConv2D dilationRate(int... dilationRate) {
    return new SeparableConv2D(
        filters,
        kernelSize,
        depthMultiplier,
        strides,
        padding,
        Checks.perAxis("dilationRate", 2, dilationRate),
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this activation}
   *
   * @param activation the activation function
   */
  public SeparableConv2D activation(Activation activation) {
    return new SeparableConv2D(
        filters,
        kernelSize,
        depthMultiplier,
        strides,
        padding,
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
  public SeparableConv2D useBias(boolean useBias) {
    return new SeparableConv2D(
        filters,
        kernelSize,
        depthMultiplier,
        strides,
        padding,
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
  public SeparableConv2D name(String name) {
    return new SeparableConv2D(
        filters,
        kernelSize,
        depthMultiplier,
        strides,
        padding,
        dilationRate,
        activation,
        useBias,
        Optional.of(name));
  }

  @Override
  public String type() {
    return "SeparableConv2D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    int[] spatial = Windows.slide(inputs, 2, kernelSize, strides, dilationRate, padding, "kernel");
    Checks.channels(inputs);
    return Shape.of(spatial[0], spatial[1], filters);
  }

  /**
   * Depthwise kernel {@code (kh, kw, cin, dm)}, pointwise kernel {@code (1, 1, cin * dm, filters)},
   * then bias {@code (filters,)} with {@code useBias}.
   */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    WeightShapes.Weight depthwise =
        WeightShapes.Weight.glorot(
            "depthwise_kernel", kernelSize().get(0), kernelSize().get(1), cin, depthMultiplier());
    WeightShapes.Weight pointwise =
        WeightShapes.Weight.glorot(
            "pointwise_kernel",
            1,
            1,
            WeightShapes.dimension(this, "cin * depth_multiplier", cin, depthMultiplier()),
            filters());
    return useBias()
        ? List.of(depthwise, pointwise, WeightShapes.Weight.zeros("bias", filters()))
        : List.of(depthwise, pointwise);
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
    long depthwise =
        Math.multiplyExact(Math.multiplyExact(spatial, mid), Checks.product(kernelSize));
    long pointwise = Math.multiplyExact(Math.multiplyExact(spatial, mid), filters);
    return Optional.of(
        LayerStats.withActivation(Math.addExact(depthwise, pointwise), size, activation));
  }

  @Override
  public boolean readsChannelsLast() {
    return true;
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.DEPTHWISE;
  }

  @Override
  public String describe() {
    String head =
        "separableConv2d("
            + filters
            + ", "
            + (depthMultiplier == 1 ? "" : "x" + depthMultiplier + ", ");
    return Describe.window(head, kernelSize, strides, padding, dilationRate, activation, useBias);
  }
}
