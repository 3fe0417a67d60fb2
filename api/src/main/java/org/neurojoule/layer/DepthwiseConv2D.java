package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code DepthwiseConv2D}: each input channel convolved with its own {@code depthMultiplier}
 * kernels.
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

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param kernelSize the kernel size, one value per spatial axis
   * @param depthMultiplier the number of output channels per input channel
   * @param strides the step between windows, one value per axis
   * @param padding how borders are treated
   * @param dilationRate the spacing of kernel elements, one value per axis
   * @param activation the activation function
   * @param useBias whether the layer adds a bias
   * @param name the name the user gave, or empty for an automatic one
   */
  public DepthwiseConv2D {
    kernelSize = Checks.perAxis("kernelSize", 2, kernelSize);
    Checks.positive("depthMultiplier", depthMultiplier);
    strides = Checks.perAxis("strides", 2, strides);
    dilationRate = Checks.perAxis("dilationRate", 2, dilationRate);
    Checks.notNull(padding, "padding");
    Checks.notCausal(padding, "DepthwiseConv2D");
    Checks.notNull(activation, "activation");
    name = Checks.name(name);
  }

  /**
   * {@return Keras' defaults: depth multiplier 1, strides 1, valid padding, linear, bias}
   *
   * @param kernelSize the kernel size: one value for both axes, or one per axis
   */
  public static DepthwiseConv2D of(int... kernelSize) {
    return new DepthwiseConv2D(
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
  public DepthwiseConv2D depthMultiplier(int depthMultiplier) {
    return new DepthwiseConv2D(
        kernelSize, depthMultiplier, strides, padding, dilationRate, activation, useBias, name);
  }

  /**
   * {@return a copy with this kernel size (one value, or one per axis)}
   *
   * @param kernelSize the window's size: one value, or one per axis, such as {@code kernelSize(1,
   *     7)}
   */
  public DepthwiseConv2D kernelSize(int... kernelSize) {
    return new DepthwiseConv2D(
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
  public DepthwiseConv2D strides(int... strides) {
    return new DepthwiseConv2D(
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
  public DepthwiseConv2D padding(Padding padding) {
    return new DepthwiseConv2D(
        kernelSize, depthMultiplier, strides, padding, dilationRate, activation, useBias, name);
  }

  /**
   * {@return a copy with this dilation rate (one value, or one per axis)}
   *
   * @param dilationRate the spacing of kernel elements: one value, or one per axis
   */
  public DepthwiseConv2D dilationRate(int... dilationRate) {
    return new DepthwiseConv2D(
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
  public DepthwiseConv2D activation(Activation activation) {
    return new DepthwiseConv2D(
        kernelSize, depthMultiplier, strides, padding, dilationRate, activation, useBias, name);
  }

  /**
   * {@return a copy with or without bias}
   *
   * @param useBias whether the layer adds a bias
   */
  public DepthwiseConv2D useBias(boolean useBias) {
    return new DepthwiseConv2D(
        kernelSize, depthMultiplier, strides, padding, dilationRate, activation, useBias, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public DepthwiseConv2D name(String name) {
    return new DepthwiseConv2D(
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
    return "DepthwiseConv2D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    int[] spatial = Windows.slide(inputs, 2, kernelSize, strides, dilationRate, padding, "kernel");
    int cin = Checks.channels(inputs);
    return Shape.of(spatial[0], spatial[1], Math.multiplyExact(cin, depthMultiplier));
  }

  /** Depthwise kernel {@code (kh, kw, cin, dm)}, then bias {@code (cin * dm,)} with useBias. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    WeightShapes.Weight kernel =
        WeightShapes.Weight.glorot(
            "depthwise_kernel", kernelSize().get(0), kernelSize().get(1), cin, depthMultiplier());
    return useBias()
        ? List.of(
            kernel,
            WeightShapes.Weight.zeros(
                "bias",
                WeightShapes.dimension(this, "cin * depth_multiplier", cin, depthMultiplier())))
        : List.of(kernel);
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
  public boolean readsChannelsLast() {
    return true;
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.DEPTHWISE;
  }

  @Override
  public String describe() {
    String head = "depthwiseConv2d(" + (depthMultiplier == 1 ? "" : "x" + depthMultiplier + ", ");
    return Describe.window(head, kernelSize, strides, padding, dilationRate, activation, useBias);
  }
}
