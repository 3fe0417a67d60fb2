package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * A {@code rank}-dimensional convolution: Keras' {@code Conv1D}, {@code Conv2D} or {@code Conv3D}.
 *
 * <p>Input {@code (spatial..., cin)}, output {@code (out..., filters)} with, per spatial axis,
 * {@code valid}: {@code out = floor((n - ((k - 1) * d + 1)) / s) + 1}, {@code same}: {@code out =
 * ceil(n / s)}, {@code causal} (Conv1D only): as same, all the padding before the axis. Parameters:
 * {@code prod(k) * cin / groups * filters (+ filters bias)}. Connections: output size {@code *
 * prod(k) * cin / groups} whatever the padding (as Keras and the reference count 'same', taps over
 * the padding included); neurons: the output size when the activation is not linear. Strides and a
 * dilation above 1 may be combined, as in ONNX and PyTorch (Keras refuses the pair, and so does the
 * Keras importer).
 *
 * <p>With {@code groups} g (Keras' {@code groups}, PyTorch's {@code group}), the input channels and
 * the filters are split into g groups and filter group i reads only input group i: ResNeXt's
 * grouped convolution, depthwise when g = cin. Both modes count {@code prod(k) * cin / g} inputs
 * per output: the reference multiplies the output size by the kernel's shape without its last axis,
 * which Keras stores as {@code (k..., cin / g, filters)}, so it and Keras' MACs agree.
 */
public record Conv(
    int rank,
    int filters,
    List<Integer> kernelSize,
    List<Integer> strides,
    Padding padding,
    List<Integer> dilationRate,
    int groups,
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
   * @param strides the step between windows, one value per axis
   * @param padding how borders are treated
   * @param dilationRate the spacing of kernel elements, one value per axis
   * @param groups the number of channel groups, which must divide {@code filters} (and the input
   *     channels)
   * @param activation the activation function
   * @param useBias whether the layer adds a bias
   * @param name the name the user gave, or empty for an automatic one
   */
  public Conv {
    if (rank < 1 || rank > 3) {
      throw ShapeException.invalid("convolution rank must be 1, 2 or 3, was " + rank);
    }
    Checks.positive("filters", filters);
    kernelSize = Checks.perAxis("kernelSize", rank, kernelSize);
    strides = Checks.perAxis("strides", rank, strides);
    dilationRate = Checks.perAxis("dilationRate", rank, dilationRate);
    Checks.notNull(padding, "padding");
    if (rank != 1) {
      Checks.notCausal(padding, "Conv" + rank + "D");
    }
    Checks.notNull(activation, "activation");
    name = Checks.name(name);
    Checks.positive("groups", groups);
    if (filters % groups != 0) {
      throw ShapeException.invalid(
          "groups "
              + groups
              + " must divide both the input channels and"
              + " the filters, but filters "
              + filters
              + " is not a multiple of "
              + groups);
    }
  }

  /**
   * An ungrouped convolution ({@code groups} 1), as before groups existed.
   *
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param filters the number of output channels
   * @param kernelSize the kernel size, one value per spatial axis
   * @param strides the step between windows, one value per axis
   * @param padding how borders are treated
   * @param dilationRate the spacing of kernel elements, one value per axis
   * @param activation the activation function
   * @param useBias whether the layer adds a bias
   * @param name the name the user gave, or empty for an automatic one
   */
  public Conv(
      int rank,
      int filters,
      List<Integer> kernelSize,
      List<Integer> strides,
      Padding padding,
      List<Integer> dilationRate,
      Activation activation,
      boolean useBias,
      Optional<String> name) {
    this(rank, filters, kernelSize, strides, padding, dilationRate, 1, activation, useBias, name);
  }

  /**
   * {@return Keras' {@code Conv1D} with its defaults, as {@link #of of(1, filters, kernelSize)}}
   *
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value for every axis, or one per axis
   */
  public static Conv conv1d(int filters, int... kernelSize) {
    return of(1, filters, kernelSize);
  }

  /**
   * {@return Keras' {@code Conv2D} with its defaults, as {@link #of of(2, filters, kernelSize)}}
   *
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value for every axis, or one per axis
   */
  public static Conv conv2d(int filters, int... kernelSize) {
    return of(2, filters, kernelSize);
  }

  /**
   * {@return Keras' {@code Conv3D} with its defaults, as {@link #of of(3, filters, kernelSize)}}
   *
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value for every axis, or one per axis
   */
  public static Conv conv3d(int filters, int... kernelSize) {
    return of(3, filters, kernelSize);
  }

  /**
   * {@return a convolution with Keras' defaults: strides 1, valid padding, no dilation, linear,
   * bias}
   *
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param filters the number of output channels
   * @param kernelSize the kernel size: one value for every axis, or one per axis
   */
  public static Conv of(int rank, int filters, int... kernelSize) {
    return new Conv(
        rank,
        filters,
        Checks.perAxis("kernelSize", rank, kernelSize),
        Checks.perAxis("strides", rank, 1),
        Padding.VALID,
        Checks.perAxis("dilationRate", rank, 1),
        1,
        Activation.LINEAR,
        true,
        Optional.empty());
  }

  /**
   * {@return a copy with this kernel size (one value, or one per axis)}
   *
   * @param kernelSize the window's size: one value, or one per axis, such as {@code kernelSize(1,
   *     7)}
   */
  public Conv kernelSize(int... kernelSize) {
    return new Conv(
        rank,
        filters,
        Checks.perAxis("kernelSize", rank, kernelSize),
        strides,
        padding,
        dilationRate,
        groups,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with these strides (one value, or one per axis)}
   *
   * @param strides the step between windows: one value, or one per axis
   */
  public Conv strides(int... strides) {
    return new Conv(
        rank,
        filters,
        kernelSize,
        Checks.perAxis("strides", rank, strides),
        padding,
        dilationRate,
        groups,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this padding}
   *
   * @param padding how borders are treated
   */
  public Conv padding(Padding padding) {
    return new Conv(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        dilationRate,
        groups,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this dilation rate (one value, or one per axis)}
   *
   * @param dilationRate the spacing of kernel elements: one value, or one per axis
   */
  public Conv dilationRate(int... dilationRate) {
    return new Conv(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        Checks.perAxis("dilationRate", rank, dilationRate),
        groups,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy in this many channel groups (1, the default, is an ordinary convolution; the
   * number of input channels is depthwise)}
   *
   * @param groups the number of groups; it must divide the filters and the input channels
   */
  public Conv groups(int groups) {
    return new Conv(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        dilationRate,
        groups,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this activation}
   *
   * @param activation the activation function
   */
  public Conv activation(Activation activation) {
    return new Conv(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        dilationRate,
        groups,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with or without bias}
   *
   * @param useBias whether the layer adds a bias
   */
  public Conv useBias(boolean useBias) {
    return new Conv(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        dilationRate,
        groups,
        activation,
        useBias,
        name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Conv name(String name) {
    return new Conv(
        rank,
        filters,
        kernelSize,
        strides,
        padding,
        dilationRate,
        groups,
        activation,
        useBias,
        Optional.of(name));
  }

  @Override
  public String type() {
    return "Conv" + rank + "D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    int[] spatial =
        Windows.slide(inputs, rank, kernelSize, strides, dilationRate, padding, "kernel");
    groupChannels(inputs);
    int[] out = java.util.Arrays.copyOf(spatial, rank + 1);
    out[rank] = filters;
    return Shape.of(out);
  }

  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    groupChannels(inputs);
    return weights(Checks.channels(inputs));
  }

  /**
   * Kernel {@code (k..., cin / groups, filters)}, then bias {@code (filters,)} with {@code
   * useBias}; a {@code cin} that {@code groups} does not divide is rounded up (callers probe with
   * {@code cin} 1; shape inference refuses such an input).
   */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    int[] k = new int[rank() + 2];
    for (int i = 0; i < rank(); i++) {
      k[i] = kernelSize().get(i);
    }
    // Rounded up in long: cin + groups - 1 may pass an int.
    k[rank()] = (int) (((long) cin + groups - 1) / groups);
    k[rank() + 1] = filters();
    return useBias()
        ? List.of(
            WeightShapes.Weight.glorot("kernel", k), WeightShapes.Weight.zeros("bias", filters()))
        : List.of(WeightShapes.Weight.glorot("kernel", k));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long cin = groupChannels(inputs);
    long kernel = Math.multiplyExact(Math.multiplyExact(Checks.product(kernelSize), cin), filters);
    return ParamCount.trainable(useBias ? Math.addExact(kernel, filters) : kernel);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    long size = Checks.unitsPerStep(output, inputs, "output");
    long cin = groupChannels(inputs);
    long connections =
        Math.multiplyExact(Math.multiplyExact(size, Checks.product(kernelSize)), cin);
    return Optional.of(LayerStats.withActivation(connections, size, activation));
  }

  /**
   * {@return the input channels each filter reads: the input's channels divided by {@code groups}}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException if the channels are undefined or not a multiple of {@code groups}
   */
  public int groupChannels(List<Shape> inputs) {
    int cin = Checks.channels(inputs);
    if (cin % groups != 0) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "groups "
              + groups
              + " must divide both the input channels and the filters, but the input "
              + inputs.get(0)
              + " has "
              + cin
              + " channels, not a multiple of "
              + groups);
    }
    return cin / groups;
  }

  @Override
  public boolean readsChannelsLast() {
    return true;
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.CONVOLUTION;
  }

  @Override
  public boolean readsInputPerConnection() {
    return true;
  }

  @Override
  public boolean addsBiasPerOutput() {
    return useBias;
  }

  /**
   * {@inheritDoc} Exact for a convolution that does not pad causally: {@code filters} times the
   * output positions whose window covers the input position, so strides, dilation and padding count
   * as they fall (a border value feeds fewer windows, padding feeds none).
   */
  @Override
  public Optional<long[]> fanOutPerPosition(Shape input) {
    return padding == Padding.CAUSAL
        ? Optional.empty()
        : Optional.of(
            Windows.fanOut(input, rank, kernelSize, strides, dilationRate, padding, filters));
  }

  @Override
  public String describe() {
    String d =
        Describe.window(
            "conv" + rank + "d(" + filters + ", ",
            kernelSize,
            strides,
            padding,
            dilationRate,
            activation,
            useBias);
    return groups == 1 ? d : d.substring(0, d.length() - 1) + ", groups " + groups + ")";
  }
}
