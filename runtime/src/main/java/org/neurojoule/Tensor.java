package org.neurojoule;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.BatchNormalization;
import org.neurojoule.layer.Concatenate;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.Dropout;
import org.neurojoule.layer.Flatten;
import org.neurojoule.layer.GlobalPooling;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LeakyReLU;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.Reshape;
import org.neurojoule.layer.SeparableConv2D;
import org.neurojoule.layer.SpikingActivation;
import org.neurojoule.layer.TimeDistributed;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * The symbolic output of a layer: an immutable node of a network under construction.
 *
 * <p>Each layer method returns a new tensor and leaves this one unchanged, so a network can branch
 * from any tensor and merge again with {@link #add} or {@link #concatenate}. The output shape is
 * computed inside the call: a layer that does not fit throws a {@link ShapeException} naming it, at
 * the line that declared it. Optional arguments go through a configurer, {@code conv2d(64, 11, c ->
 * c.strides(4).padding(SAME))}, whose methods are Keras' argument names.
 */
public final class Tensor {
  private final Layer layer;
  private final List<Tensor> inputs;
  private final Shape shape;

  private Tensor(Layer layer, List<Tensor> inputs, Shape shape) {
    this.layer = layer;
    this.inputs = inputs;
    this.shape = shape;
  }

  /** A fresh input tensor: the start of a network. */
  static Tensor input(Layer inputLayer, Shape shape) {
    return new Tensor(inputLayer, List.of(), shape);
  }

  /** {@code layer} applied to {@code inputs}, with the output shape checked now. */
  static Tensor applied(Layer layer, List<Tensor> inputs) {
    Shape out = TensorGraph.outputShape(layer, inputs);
    layer.appliedTo(inputs.stream().map(Tensor::shape).toList());
    return new Tensor(layer, List.copyOf(inputs), out);
  }

  /** {@return the shape of one example (without the batch)} */
  public Shape shape() {
    return shape;
  }

  /** {@return the layer that produced this tensor} */
  public Layer layer() {
    return layer;
  }

  /** {@return the tensors the producing layer was applied to; empty for an input} */
  public List<Tensor> inputs() {
    return inputs;
  }

  /** {@return the model from the inputs this tensor depends on to this tensor} */
  public Model model() {
    return Model.of(this);
  }

  /** {@return the energy estimate of {@link #model()} without example data} */
  public ModelEnergy energy() {
    return model().energy();
  }

  // ---- convolutions ----

  /**
   * Keras' {@code Conv1D} with {@code filters} kernels of {@code kernelSize} steps.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @return the new layer's output
   */
  public Tensor conv1d(int filters, int kernelSize) {
    return conv1d(filters, kernelSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Conv1D}, configured: {@code c -> c.strides(2).padding(SAME)}; {@code
   * padding(CAUSAL)} pads {@code (k - 1) * dilation} zeros before the time axis only.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor conv1d(int filters, int kernelSize, UnaryOperator<Conv> configure) {
    return then("conv1d", () -> configure.apply(Conv.of(1, filters, kernelSize)));
  }

  /**
   * Keras' {@code Conv2D} with {@code filters} square kernels of side {@code kernelSize}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @return the new layer's output
   */
  public Tensor conv2d(int filters, int kernelSize) {
    return conv2d(filters, kernelSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Conv2D}, configured: {@code c -> c.strides(4).padding(SAME).activation(RELU)}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor conv2d(int filters, int kernelSize, UnaryOperator<Conv> configure) {
    return then("conv2d", () -> configure.apply(Conv.of(2, filters, kernelSize)));
  }

  /**
   * Keras' {@code Conv3D} with {@code filters} cubic kernels of side {@code kernelSize}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @return the new layer's output
   */
  public Tensor conv3d(int filters, int kernelSize) {
    return conv3d(filters, kernelSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Conv3D}, configured.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor conv3d(int filters, int kernelSize, UnaryOperator<Conv> configure) {
    return then("conv3d", () -> configure.apply(Conv.of(3, filters, kernelSize)));
  }

  /**
   * Keras' {@code DepthwiseConv2D} with square kernels of side {@code kernelSize}.
   *
   * @param kernelSize the side of the kernel along every spatial axis
   * @return the new layer's output
   */
  public Tensor depthwiseConv2d(int kernelSize) {
    return depthwiseConv2d(kernelSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code DepthwiseConv2D}, configured: {@code c -> c.depthMultiplier(2)}.
   *
   * @param kernelSize the side of the kernel along every spatial axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor depthwiseConv2d(int kernelSize, UnaryOperator<DepthwiseConv2D> configure) {
    return then("depthwiseConv2d", () -> configure.apply(DepthwiseConv2D.of(kernelSize)));
  }

  /**
   * Keras' {@code SeparableConv2D} to {@code filters} channels with square kernels.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @return the new layer's output
   */
  public Tensor separableConv2d(int filters, int kernelSize) {
    return separableConv2d(filters, kernelSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code SeparableConv2D}, configured.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor separableConv2d(
      int filters, int kernelSize, UnaryOperator<SeparableConv2D> configure) {
    return then("separableConv2d", () -> configure.apply(SeparableConv2D.of(filters, kernelSize)));
  }

  // ---- dense and activations ----

  /**
   * Keras' {@code Dense} with {@code units} outputs, on the last axis.
   *
   * @param units the number of output units
   * @return the new layer's output
   */
  public Tensor dense(int units) {
    return dense(units, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Dense}, configured: {@code d -> d.activation(RELU)}.
   *
   * @param units the number of output units
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor dense(int units, UnaryOperator<Dense> configure) {
    return then("dense", () -> configure.apply(Dense.of(units)));
  }

  /**
   * Keras' {@code ReLU} layer.
   *
   * @return the new layer's output
   */
  public Tensor relu() {
    return relu(UnaryOperator.identity());
  }

  /**
   * Keras' {@code ReLU} layer, configured: {@code r -> r.maxValue(6)}.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor relu(UnaryOperator<ReLU> configure) {
    return then("relu", () -> configure.apply(ReLU.of()));
  }

  /**
   * Keras' {@code LeakyReLU} layer (alpha 0.3).
   *
   * @return the new layer's output
   */
  public Tensor leakyRelu() {
    return leakyRelu(UnaryOperator.identity());
  }

  /**
   * Keras' {@code LeakyReLU} layer, configured: {@code r -> r.alpha(0.1)}.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor leakyRelu(UnaryOperator<LeakyReLU> configure) {
    return then("leakyRelu", () -> configure.apply(LeakyReLU.of()));
  }

  /**
   * Keras' {@code Activation} layer.
   *
   * @param activation the activation function
   * @return the new layer's output
   */
  public Tensor activation(Activation activation) {
    return activation(activation, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Activation} layer, configured (its name).
   *
   * @param activation the activation function
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor activation(Activation activation, UnaryOperator<ActivationLayer> configure) {
    return then("activation", () -> configure.apply(ActivationLayer.of(activation)));
  }

  /**
   * KerasSpiking's {@code SpikingActivation}: {@code activation} as spikes over time.
   *
   * @param activation the activation function
   * @return the new layer's output
   */
  public Tensor spikingActivation(Activation activation) {
    return spikingActivation(activation, UnaryOperator.identity());
  }

  /**
   * KerasSpiking's {@code SpikingActivation}, configured: {@code s -> s.dt(0.002).seed(1)}.
   *
   * @param activation the activation function
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor spikingActivation(
      Activation activation, UnaryOperator<SpikingActivation> configure) {
    return then("spikingActivation", () -> configure.apply(SpikingActivation.of(activation)));
  }

  // ---- NIR neurons and primitives: per-timestep layers ----

  /**
   * NIR's {@code LIF}: leaky integrate-and-fire neurons, one per unit of a timestep, with the
   * default constants (see {@link org.neurojoule.layer.SpikingNeuron}).
   *
   * @return the new layer's output
   */
  public Tensor lif() {
    return lif(UnaryOperator.identity());
  }

  /**
   * NIR's {@code LIF}: leaky integrate-and-fire neurons, configured: {@code n ->
   * n.tau(0.01).vThreshold(1)}; each constant is one value for all units or one per unit.
   *
   * @param configure sets the constants (NIR's names in camel case) on the defaults
   * @return the new layer's output
   */
  public Tensor lif(UnaryOperator<org.neurojoule.layer.SpikingNeuron> configure) {
    return then("lif", () -> configure.apply(org.neurojoule.layer.SpikingNeuron.lif()));
  }

  /**
   * NIR's {@code CubaLIF}: current-based leaky integrate-and-fire neurons, one per unit of a
   * timestep, with the default constants (see {@link org.neurojoule.layer.SpikingNeuron}).
   *
   * @return the new layer's output
   */
  public Tensor cubaLif() {
    return cubaLif(UnaryOperator.identity());
  }

  /**
   * NIR's {@code CubaLIF}: current-based leaky integrate-and-fire neurons, configured: {@code n ->
   * n.tauSyn(0.005).tauMem(0.01).recurrent(true)}; each constant is one value for all units or one
   * per unit.
   *
   * @param configure sets the constants (NIR's names in camel case) on the defaults
   * @return the new layer's output
   */
  public Tensor cubaLif(UnaryOperator<org.neurojoule.layer.SpikingNeuron> configure) {
    return then("cubaLif", () -> configure.apply(org.neurojoule.layer.SpikingNeuron.cubaLif()));
  }

  /**
   * NIR's {@code IF}: integrate-and-fire neurons, one per unit of a timestep, with the default
   * constants (see {@link org.neurojoule.layer.SpikingNeuron}).
   *
   * @return the new layer's output
   */
  public Tensor integrateAndFire() {
    return integrateAndFire(UnaryOperator.identity());
  }

  /**
   * NIR's {@code IF}: integrate-and-fire neurons, configured: {@code n -> n.vThreshold(0.5)}; each
   * constant is one value for all units or one per unit.
   *
   * @param configure sets the constants (NIR's names in camel case) on the defaults
   * @return the new layer's output
   */
  public Tensor integrateAndFire(UnaryOperator<org.neurojoule.layer.SpikingNeuron> configure) {
    return then(
        "integrateAndFire",
        () -> configure.apply(org.neurojoule.layer.SpikingNeuron.integrateAndFire()));
  }

  /**
   * NIR's {@code LI}: leaky integrators, one per unit of a timestep, with the default constants
   * (see {@link org.neurojoule.layer.SpikingNeuron}).
   *
   * @return the new layer's output
   */
  public Tensor leakyIntegrator() {
    return leakyIntegrator(UnaryOperator.identity());
  }

  /**
   * NIR's {@code LI}: leaky integrators, configured: {@code n -> n.tau(0.02)}; each constant is one
   * value for all units or one per unit.
   *
   * @param configure sets the constants (NIR's names in camel case) on the defaults
   * @return the new layer's output
   */
  public Tensor leakyIntegrator(UnaryOperator<org.neurojoule.layer.SpikingNeuron> configure) {
    return then(
        "leakyIntegrator",
        () -> configure.apply(org.neurojoule.layer.SpikingNeuron.leakyIntegrator()));
  }

  /**
   * NIR's {@code I}: integrators, one per unit of a timestep, with the default constants (see
   * {@link org.neurojoule.layer.SpikingNeuron}).
   *
   * @return the new layer's output
   */
  public Tensor integrator() {
    return integrator(UnaryOperator.identity());
  }

  /**
   * NIR's {@code I}: integrators, configured: {@code n -> n.r(2)}; each constant is one value for
   * all units or one per unit.
   *
   * @param configure sets the constants (NIR's names in camel case) on the defaults
   * @return the new layer's output
   */
  public Tensor integrator(UnaryOperator<org.neurojoule.layer.SpikingNeuron> configure) {
    return then(
        "integrator", () -> configure.apply(org.neurojoule.layer.SpikingNeuron.integrator()));
  }

  /**
   * NIR's {@code CubaLI}: current-based leaky integrators, one per unit of a timestep, with the
   * default constants (see {@link org.neurojoule.layer.SpikingNeuron}).
   *
   * @return the new layer's output
   */
  public Tensor cubaLeakyIntegrator() {
    return cubaLeakyIntegrator(UnaryOperator.identity());
  }

  /**
   * NIR's {@code CubaLI}: current-based leaky integrators, configured: {@code n ->
   * n.tauSyn(0.005).wIn(2)}; each constant is one value for all units or one per unit.
   *
   * @param configure sets the constants (NIR's names in camel case) on the defaults
   * @return the new layer's output
   */
  public Tensor cubaLeakyIntegrator(UnaryOperator<org.neurojoule.layer.SpikingNeuron> configure) {
    return then(
        "cubaLeakyIntegrator",
        () -> configure.apply(org.neurojoule.layer.SpikingNeuron.cubaLeakyIntegrator()));
  }

  /**
   * NIR's {@code Threshold}: 1 where the input exceeds {@code threshold}, else 0.
   *
   * @param threshold one value for all units or one per unit
   * @return the new layer's output
   */
  public Tensor threshold(double... threshold) {
    return threshold(threshold, UnaryOperator.identity());
  }

  /**
   * NIR's {@code Threshold}, configured: {@code t -> t.name("spikes")}.
   *
   * @param threshold one value for all units or one per unit
   * @param configure sets the layer's optional arguments
   * @return the new layer's output
   */
  public Tensor threshold(
      double[] threshold, UnaryOperator<org.neurojoule.layer.SpikingNeuron> configure) {
    return then(
        "threshold",
        () -> configure.apply(org.neurojoule.layer.SpikingNeuron.threshold(threshold)));
  }

  /**
   * NIR's {@code Delay}: each unit's input delayed by its time in seconds.
   *
   * @param delay seconds, one value for all units or one per unit
   * @return the new layer's output
   */
  public Tensor delay(double... delay) {
    return then("delay", () -> org.neurojoule.layer.Delay.of(delay));
  }

  /**
   * NIR's {@code Scale}: each unit multiplied by its own factor, a weight of the layer.
   *
   * @return the new layer's output
   */
  public Tensor scale() {
    return scale(UnaryOperator.identity());
  }

  /**
   * NIR's {@code Scale}, configured: {@code s -> s.name("gain")}.
   *
   * @param configure sets the layer's optional arguments
   * @return the new layer's output
   */
  public Tensor scale(UnaryOperator<org.neurojoule.layer.Scale> configure) {
    return then("scale", () -> configure.apply(org.neurojoule.layer.Scale.of()));
  }

  /**
   * Sum pooling in 2D (NIR's {@code SumPool2d}): each window's sum.
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   * @return the new layer's output
   */
  public Tensor sumPooling2d(int... poolSize) {
    return sumPooling2d(poolSize, UnaryOperator.identity());
  }

  /**
   * Sum pooling in 2D, configured: {@code p -> p.strides(1)}.
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   * @param configure sets the layer's optional arguments
   * @return the new layer's output
   */
  public Tensor sumPooling2d(int[] poolSize, UnaryOperator<Pooling> configure) {
    return then("sumPooling2d", () -> configure.apply(Pooling.of(PoolKind.SUM, 2, poolSize)));
  }

  /**
   * Keras' {@code BatchNormalization} over the last axis.
   *
   * @return the new layer's output
   */
  public Tensor batchNormalization() {
    return batchNormalization(UnaryOperator.identity());
  }

  /**
   * Keras' {@code BatchNormalization}, configured: {@code b -> b.epsilon(1e-5)}.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor batchNormalization(UnaryOperator<BatchNormalization> configure) {
    return then("batchNormalization", () -> configure.apply(BatchNormalization.of()));
  }

  // ---- pooling ----

  /**
   * Keras' {@code MaxPooling1D} (strides default to the pool size).
   *
   * @param poolSize the side of the window along every pooled axis
   * @return the new layer's output
   */
  public Tensor maxPooling1d(int poolSize) {
    return pooling(PoolKind.MAX, 1, poolSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code MaxPooling1D}, configured: {@code p -> p.strides(1)}.
   *
   * @param poolSize the side of the window along every pooled axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor maxPooling1d(int poolSize, UnaryOperator<Pooling> configure) {
    return pooling(PoolKind.MAX, 1, poolSize, configure);
  }

  /**
   * Keras' {@code MaxPooling2D} (strides default to the pool size).
   *
   * @param poolSize the side of the window along every pooled axis
   * @return the new layer's output
   */
  public Tensor maxPooling2d(int poolSize) {
    return pooling(PoolKind.MAX, 2, poolSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code MaxPooling2D}, configured: {@code p -> p.strides(2)}.
   *
   * @param poolSize the side of the window along every pooled axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor maxPooling2d(int poolSize, UnaryOperator<Pooling> configure) {
    return pooling(PoolKind.MAX, 2, poolSize, configure);
  }

  /**
   * Keras' {@code MaxPooling3D} (strides default to the pool size).
   *
   * @param poolSize the side of the window along every pooled axis
   * @return the new layer's output
   */
  public Tensor maxPooling3d(int poolSize) {
    return pooling(PoolKind.MAX, 3, poolSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code MaxPooling3D}, configured.
   *
   * @param poolSize the side of the window along every pooled axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor maxPooling3d(int poolSize, UnaryOperator<Pooling> configure) {
    return pooling(PoolKind.MAX, 3, poolSize, configure);
  }

  /**
   * Keras' {@code AveragePooling1D} (strides default to the pool size).
   *
   * @param poolSize the side of the window along every pooled axis
   * @return the new layer's output
   */
  public Tensor averagePooling1d(int poolSize) {
    return pooling(PoolKind.AVERAGE, 1, poolSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code AveragePooling1D}, configured.
   *
   * @param poolSize the side of the window along every pooled axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor averagePooling1d(int poolSize, UnaryOperator<Pooling> configure) {
    return pooling(PoolKind.AVERAGE, 1, poolSize, configure);
  }

  /**
   * Keras' {@code AveragePooling2D} (strides default to the pool size).
   *
   * @param poolSize the side of the window along every pooled axis
   * @return the new layer's output
   */
  public Tensor averagePooling2d(int poolSize) {
    return pooling(PoolKind.AVERAGE, 2, poolSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code AveragePooling2D}, configured.
   *
   * @param poolSize the side of the window along every pooled axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor averagePooling2d(int poolSize, UnaryOperator<Pooling> configure) {
    return pooling(PoolKind.AVERAGE, 2, poolSize, configure);
  }

  /**
   * Keras' {@code AveragePooling3D} (strides default to the pool size).
   *
   * @param poolSize the side of the window along every pooled axis
   * @return the new layer's output
   */
  public Tensor averagePooling3d(int poolSize) {
    return pooling(PoolKind.AVERAGE, 3, poolSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code AveragePooling3D}, configured.
   *
   * @param poolSize the side of the window along every pooled axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor averagePooling3d(int poolSize, UnaryOperator<Pooling> configure) {
    return pooling(PoolKind.AVERAGE, 3, poolSize, configure);
  }

  /**
   * Keras' {@code GlobalAveragePooling1D}.
   *
   * @return the new layer's output
   */
  public Tensor globalAveragePooling1d() {
    return globalPooling(PoolKind.AVERAGE, 1, UnaryOperator.identity());
  }

  /**
   * Keras' {@code GlobalAveragePooling1D}, configured: {@code g -> g.keepdims(true)}.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor globalAveragePooling1d(UnaryOperator<GlobalPooling> configure) {
    return globalPooling(PoolKind.AVERAGE, 1, configure);
  }

  /**
   * Keras' {@code GlobalAveragePooling2D}.
   *
   * @return the new layer's output
   */
  public Tensor globalAveragePooling2d() {
    return globalPooling(PoolKind.AVERAGE, 2, UnaryOperator.identity());
  }

  /**
   * Keras' {@code GlobalAveragePooling2D}, configured.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor globalAveragePooling2d(UnaryOperator<GlobalPooling> configure) {
    return globalPooling(PoolKind.AVERAGE, 2, configure);
  }

  /**
   * Keras' {@code GlobalAveragePooling3D}.
   *
   * @return the new layer's output
   */
  public Tensor globalAveragePooling3d() {
    return globalPooling(PoolKind.AVERAGE, 3, UnaryOperator.identity());
  }

  /**
   * Keras' {@code GlobalAveragePooling3D}, configured.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor globalAveragePooling3d(UnaryOperator<GlobalPooling> configure) {
    return globalPooling(PoolKind.AVERAGE, 3, configure);
  }

  /**
   * Keras' {@code GlobalMaxPooling1D}.
   *
   * @return the new layer's output
   */
  public Tensor globalMaxPooling1d() {
    return globalPooling(PoolKind.MAX, 1, UnaryOperator.identity());
  }

  /**
   * Keras' {@code GlobalMaxPooling1D}, configured.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor globalMaxPooling1d(UnaryOperator<GlobalPooling> configure) {
    return globalPooling(PoolKind.MAX, 1, configure);
  }

  /**
   * Keras' {@code GlobalMaxPooling2D}.
   *
   * @return the new layer's output
   */
  public Tensor globalMaxPooling2d() {
    return globalPooling(PoolKind.MAX, 2, UnaryOperator.identity());
  }

  /**
   * Keras' {@code GlobalMaxPooling2D}, configured.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor globalMaxPooling2d(UnaryOperator<GlobalPooling> configure) {
    return globalPooling(PoolKind.MAX, 2, configure);
  }

  /**
   * Keras' {@code GlobalMaxPooling3D}.
   *
   * @return the new layer's output
   */
  public Tensor globalMaxPooling3d() {
    return globalPooling(PoolKind.MAX, 3, UnaryOperator.identity());
  }

  /**
   * Keras' {@code GlobalMaxPooling3D}, configured.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor globalMaxPooling3d(UnaryOperator<GlobalPooling> configure) {
    return globalPooling(PoolKind.MAX, 3, configure);
  }

  // ---- reshaping and regularisation ----

  /**
   * Keras' {@code Flatten}.
   *
   * @return the new layer's output
   */
  public Tensor flatten() {
    return flatten(UnaryOperator.identity());
  }

  /**
   * Keras' {@code Flatten}, configured (its name).
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor flatten(UnaryOperator<Flatten> configure) {
    return then("flatten", () -> configure.apply(Flatten.of()));
  }

  /**
   * Keras' {@code Reshape} to {@code targetShape}; one entry may be -1 (inferred).
   *
   * @param targetShape the new dimensions without the batch; one may be -1 (inferred)
   * @return the new layer's output
   */
  public Tensor reshape(int... targetShape) {
    return reshape(targetShape, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Reshape}, configured (its name).
   *
   * @param targetShape the new dimensions without the batch; one may be -1 (inferred)
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor reshape(int[] targetShape, UnaryOperator<Reshape> configure) {
    return then("reshape", () -> configure.apply(Reshape.of(targetShape)));
  }

  /**
   * Keras' {@code Dropout}: identity at inference.
   *
   * @param rate the fraction of inputs dropped in training, in [0, 1)
   * @return the new layer's output
   */
  public Tensor dropout(double rate) {
    return dropout(rate, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Dropout}, configured (its name).
   *
   * @param rate the fraction of inputs dropped in training, in [0, 1)
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor dropout(double rate, UnaryOperator<Dropout> configure) {
    return then("dropout", () -> configure.apply(Dropout.of(rate)));
  }

  // ---- wrappers, merges and custom layers ----

  /**
   * Keras' {@code TimeDistributed}: the one layer that {@code step} applies to a single timestep is
   * applied on every step of the first axis, {@code timeDistributed(t -> t.conv2d(2, 7))}.
   *
   * @param step applies the one wrapped layer to a tensor of a single timestep
   * @return the new layer's output
   */
  public Tensor timeDistributed(UnaryOperator<Tensor> step) {
    return timeDistributed(step, UnaryOperator.identity());
  }

  /**
   * Keras' {@code TimeDistributed}, with the wrapper configured (its name).
   *
   * @param step applies the one wrapped layer to a tensor of a single timestep
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor timeDistributed(
      UnaryOperator<Tensor> step, UnaryOperator<TimeDistributed> configure) {
    Layer inner = TensorGraph.wrappedStep(this, step);
    return then(
        "timeDistributed",
        () -> configure.apply(TimeDistributed.of(inner.spec())),
        Optional.of(inner));
  }

  /**
   * Keras' {@code ZeroPadding1D}.
   *
   * @param padding the zeros added: one value, one per axis, or a (before, after) pair per axis
   * @return the new layer's output
   */
  public Tensor zeroPadding1d(int... padding) {
    return zeroPadding1d(padding, UnaryOperator.identity());
  }

  /**
   * Keras' {@code ZeroPadding1D}, configured: {@code p -> p.name("zeroPadding")}.
   *
   * @param padding the zeros added: one value, one per axis, or a (before, after) pair per axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor zeroPadding1d(
      int[] padding, UnaryOperator<org.neurojoule.layer.ZeroPadding> configure) {
    int[] values = padding.clone();
    return then(
        "zeroPadding1d",
        () -> configure.apply(org.neurojoule.layer.ZeroPadding.zeroPadding1d(values)));
  }

  /**
   * Keras' {@code ZeroPadding2D}.
   *
   * @param padding the zeros added: one value, one per axis, or a (before, after) pair per axis
   * @return the new layer's output
   */
  public Tensor zeroPadding2d(int... padding) {
    return zeroPadding2d(padding, UnaryOperator.identity());
  }

  /**
   * Keras' {@code ZeroPadding2D}, configured: {@code p -> p.name("zeroPadding")}.
   *
   * @param padding the zeros added: one value, one per axis, or a (before, after) pair per axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor zeroPadding2d(
      int[] padding, UnaryOperator<org.neurojoule.layer.ZeroPadding> configure) {
    int[] values = padding.clone();
    return then(
        "zeroPadding2d",
        () -> configure.apply(org.neurojoule.layer.ZeroPadding.zeroPadding2d(values)));
  }

  /**
   * Keras' {@code ZeroPadding3D}.
   *
   * @param padding the zeros added: one value, one per axis, or a (before, after) pair per axis
   * @return the new layer's output
   */
  public Tensor zeroPadding3d(int... padding) {
    return zeroPadding3d(padding, UnaryOperator.identity());
  }

  /**
   * Keras' {@code ZeroPadding3D}, configured: {@code p -> p.name("zeroPadding")}.
   *
   * @param padding the zeros added: one value, one per axis, or a (before, after) pair per axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor zeroPadding3d(
      int[] padding, UnaryOperator<org.neurojoule.layer.ZeroPadding> configure) {
    int[] values = padding.clone();
    return then(
        "zeroPadding3d",
        () -> configure.apply(org.neurojoule.layer.ZeroPadding.zeroPadding3d(values)));
  }

  /**
   * Keras' {@code Cropping1D}.
   *
   * @param cropping the entries removed: one value, one per axis, or a (before, after) pair per
   *     axis
   * @return the new layer's output
   */
  public Tensor cropping1d(int... cropping) {
    return cropping1d(cropping, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Cropping1D}, configured: {@code p -> p.name("cropping")}.
   *
   * @param cropping the entries removed: one value, one per axis, or a (before, after) pair per
   *     axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor cropping1d(int[] cropping, UnaryOperator<org.neurojoule.layer.Cropping> configure) {
    int[] values = cropping.clone();
    return then(
        "cropping1d", () -> configure.apply(org.neurojoule.layer.Cropping.cropping1d(values)));
  }

  /**
   * Keras' {@code Cropping2D}.
   *
   * @param cropping the entries removed: one value, one per axis, or a (before, after) pair per
   *     axis
   * @return the new layer's output
   */
  public Tensor cropping2d(int... cropping) {
    return cropping2d(cropping, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Cropping2D}, configured: {@code p -> p.name("cropping")}.
   *
   * @param cropping the entries removed: one value, one per axis, or a (before, after) pair per
   *     axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor cropping2d(int[] cropping, UnaryOperator<org.neurojoule.layer.Cropping> configure) {
    int[] values = cropping.clone();
    return then(
        "cropping2d", () -> configure.apply(org.neurojoule.layer.Cropping.cropping2d(values)));
  }

  /**
   * Keras' {@code Cropping3D}.
   *
   * @param cropping the entries removed: one value, one per axis, or a (before, after) pair per
   *     axis
   * @return the new layer's output
   */
  public Tensor cropping3d(int... cropping) {
    return cropping3d(cropping, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Cropping3D}, configured: {@code p -> p.name("cropping")}.
   *
   * @param cropping the entries removed: one value, one per axis, or a (before, after) pair per
   *     axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor cropping3d(int[] cropping, UnaryOperator<org.neurojoule.layer.Cropping> configure) {
    int[] values = cropping.clone();
    return then(
        "cropping3d", () -> configure.apply(org.neurojoule.layer.Cropping.cropping3d(values)));
  }

  /**
   * Keras' {@code UpSampling1D}.
   *
   * @param size the repeat count: one value, or one per axis
   * @return the new layer's output
   */
  public Tensor upSampling1d(int... size) {
    return upSampling1d(size, UnaryOperator.identity());
  }

  /**
   * Keras' {@code UpSampling1D}, configured: {@code p -> p.name("upSampling")}.
   *
   * @param size the repeat count: one value, or one per axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor upSampling1d(int[] size, UnaryOperator<org.neurojoule.layer.UpSampling> configure) {
    int[] values = size.clone();
    return then(
        "upSampling1d",
        () -> configure.apply(org.neurojoule.layer.UpSampling.upSampling1d(values)));
  }

  /**
   * Keras' {@code UpSampling2D}.
   *
   * @param size the repeat count: one value, or one per axis
   * @return the new layer's output
   */
  public Tensor upSampling2d(int... size) {
    return upSampling2d(size, UnaryOperator.identity());
  }

  /**
   * Keras' {@code UpSampling2D}, configured: {@code p -> p.name("upSampling")}.
   *
   * @param size the repeat count: one value, or one per axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor upSampling2d(int[] size, UnaryOperator<org.neurojoule.layer.UpSampling> configure) {
    int[] values = size.clone();
    return then(
        "upSampling2d",
        () -> configure.apply(org.neurojoule.layer.UpSampling.upSampling2d(values)));
  }

  /**
   * Keras' {@code UpSampling3D}.
   *
   * @param size the repeat count: one value, or one per axis
   * @return the new layer's output
   */
  public Tensor upSampling3d(int... size) {
    return upSampling3d(size, UnaryOperator.identity());
  }

  /**
   * Keras' {@code UpSampling3D}, configured: {@code p -> p.name("upSampling")}.
   *
   * @param size the repeat count: one value, or one per axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor upSampling3d(int[] size, UnaryOperator<org.neurojoule.layer.UpSampling> configure) {
    int[] values = size.clone();
    return then(
        "upSampling3d",
        () -> configure.apply(org.neurojoule.layer.UpSampling.upSampling3d(values)));
  }

  /**
   * Applies a layer given as a spec, such as a {@link org.neurojoule.layer.CustomLayer} of the
   * user's own; its statistics can be registered with {@link ModelEnergy#registerLayer}.
   *
   * @param spec the layer spec
   * @return the new layer's output
   */
  public Tensor apply(LayerSpec spec) {
    Objects.requireNonNull(spec, "spec == null");
    return Layer.of(spec).apply(this);
  }

  /**
   * Keras' {@code Add}: the element-wise sum of two or more tensors of one shape.
   *
   * @param inputs the input tensors, all of one shape for add
   * @return the new layer's output
   */
  public static Tensor add(Tensor... inputs) {
    return add(List.of(inputs), UnaryOperator.identity());
  }

  /**
   * Keras' {@code Add}, configured (its name).
   *
   * @param inputs the input tensors, all of one shape for add
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public static Tensor add(List<Tensor> inputs, UnaryOperator<org.neurojoule.layer.Add> configure) {
    return merge(inputs, "add", () -> configure.apply(org.neurojoule.layer.Add.of()));
  }

  /**
   * Keras' {@code Concatenate} along the last axis.
   *
   * @param inputs the input tensors, all of one shape for add
   * @return the new layer's output
   */
  public static Tensor concatenate(Tensor... inputs) {
    return concatenate(List.of(inputs), UnaryOperator.identity());
  }

  /**
   * Keras' {@code Concatenate}, configured: {@code c -> c.axis(1)}.
   *
   * @param inputs the input tensors, all of one shape for add
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public static Tensor concatenate(List<Tensor> inputs, UnaryOperator<Concatenate> configure) {
    return merge(inputs, "concatenate", () -> configure.apply(Concatenate.of()));
  }

  private static Tensor merge(List<Tensor> inputs, String method, Supplier<LayerSpec> spec) {
    List<Tensor> in = List.copyOf(inputs);
    return newLayer(in, method, spec, Optional.empty());
  }

  private Tensor pooling(PoolKind kind, int rank, int poolSize, UnaryOperator<Pooling> configure) {
    return then(
        kind.methodWord() + "Pooling" + rank + "d",
        () -> configure.apply(Pooling.of(kind, rank, poolSize)));
  }

  private Tensor globalPooling(PoolKind kind, int rank, UnaryOperator<GlobalPooling> configure) {
    return then(
        "global" + kind.typeWord() + "Pooling" + rank + "d",
        () -> configure.apply(GlobalPooling.of(kind, rank)));
  }

  private Tensor then(String method, Supplier<? extends LayerSpec> spec) {
    return then(method, spec, Optional.empty());
  }

  private Tensor then(String method, Supplier<? extends LayerSpec> spec, Optional<Layer> wrapped) {
    return newLayer(List.of(this), method, spec, wrapped);
  }

  /** Builds the spec (argument errors are placed on the layer being declared), then applies it. */
  private static Tensor newLayer(
      List<Tensor> inputs,
      String method,
      Supplier<? extends LayerSpec> spec,
      Optional<Layer> wrapped) {
    return applied(new Layer(TensorGraph.build(inputs, method, spec), wrapped), inputs);
  }

  // ---- element-wise merges, softmax, elu, permute, repeat vector, rescaling ----

  /**
   * Keras' {@code Multiply}: the element-wise product of two or more tensors; shapes broadcast as
   * Keras does ({@code (8, 8, 32)} with {@code (1, 1, 32)}).
   *
   * @param inputs two or more input tensors
   * @return the new layer's output
   */
  public static Tensor multiply(Tensor... inputs) {
    return multiply(List.of(inputs), UnaryOperator.identity());
  }

  /**
   * Keras' {@code Multiply}, configured (its name).
   *
   * @param inputs two or more input tensors
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public static Tensor multiply(
      List<Tensor> inputs, UnaryOperator<org.neurojoule.layer.Merge> configure) {
    return merge(inputs, "multiply", () -> configure.apply(org.neurojoule.layer.Merge.multiply()));
  }

  /**
   * Keras' {@code Subtract}: {@code a - b} element-wise; shapes broadcast as Keras does.
   *
   * @param a the tensor subtracted from
   * @param b the tensor subtracted
   * @return the new layer's output
   */
  public static Tensor subtract(Tensor a, Tensor b) {
    return subtract(a, b, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Subtract}, configured (its name).
   *
   * @param a the tensor subtracted from
   * @param b the tensor subtracted
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public static Tensor subtract(
      Tensor a, Tensor b, UnaryOperator<org.neurojoule.layer.Merge> configure) {
    return merge(
        java.util.Arrays.asList(a, b),
        "subtract",
        () -> configure.apply(org.neurojoule.layer.Merge.subtract()));
  }

  /**
   * The matrix product {@code a · b} of two activations, as attention's {@code Q Kᵀ}: {@code (...,
   * M, K)} times {@code (..., K, N)} gives {@code (..., M, N)}, the leading axes batched (equal or
   * 1). COMPLETE mode counts its multiply-adds as connections.
   *
   * @param a the left factor
   * @param b the right factor
   * @return the new layer's output
   */
  public static Tensor matMul(Tensor a, Tensor b) {
    return matMul(a, b, UnaryOperator.identity());
  }

  /**
   * The matrix product of two activations, configured (its name).
   *
   * @param a the left factor
   * @param b the right factor
   * @param configure sets the layer's name on its defaults
   * @return the new layer's output
   */
  public static Tensor matMul(
      Tensor a, Tensor b, UnaryOperator<org.neurojoule.layer.MatMul> configure) {
    return merge(
        java.util.Arrays.asList(a, b),
        "matMul",
        () -> configure.apply(org.neurojoule.layer.MatMul.of()));
  }

  /**
   * Keras' {@code Average}: the element-wise mean of two or more tensors; shapes broadcast as Keras
   * does ({@code (8, 8, 32)} with {@code (1, 1, 32)}).
   *
   * @param inputs two or more input tensors
   * @return the new layer's output
   */
  public static Tensor average(Tensor... inputs) {
    return average(List.of(inputs), UnaryOperator.identity());
  }

  /**
   * Keras' {@code Average}, configured (its name).
   *
   * @param inputs two or more input tensors
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public static Tensor average(
      List<Tensor> inputs, UnaryOperator<org.neurojoule.layer.Merge> configure) {
    return merge(inputs, "average", () -> configure.apply(org.neurojoule.layer.Merge.average()));
  }

  /**
   * Keras' {@code Maximum}: the element-wise maximum of two or more tensors; shapes broadcast as
   * Keras does ({@code (8, 8, 32)} with {@code (1, 1, 32)}).
   *
   * @param inputs two or more input tensors
   * @return the new layer's output
   */
  public static Tensor maximum(Tensor... inputs) {
    return maximum(List.of(inputs), UnaryOperator.identity());
  }

  /**
   * Keras' {@code Maximum}, configured (its name).
   *
   * @param inputs two or more input tensors
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public static Tensor maximum(
      List<Tensor> inputs, UnaryOperator<org.neurojoule.layer.Merge> configure) {
    return merge(inputs, "maximum", () -> configure.apply(org.neurojoule.layer.Merge.maximum()));
  }

  /**
   * Keras' {@code Minimum}: the element-wise minimum of two or more tensors; shapes broadcast as
   * Keras does ({@code (8, 8, 32)} with {@code (1, 1, 32)}).
   *
   * @param inputs two or more input tensors
   * @return the new layer's output
   */
  public static Tensor minimum(Tensor... inputs) {
    return minimum(List.of(inputs), UnaryOperator.identity());
  }

  /**
   * Keras' {@code Minimum}, configured (its name).
   *
   * @param inputs two or more input tensors
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public static Tensor minimum(
      List<Tensor> inputs, UnaryOperator<org.neurojoule.layer.Merge> configure) {
    return merge(inputs, "minimum", () -> configure.apply(org.neurojoule.layer.Merge.minimum()));
  }

  /**
   * Keras' {@code Softmax}: a softmax over the last axis.
   *
   * @return the new layer's output
   */
  public Tensor softmax() {
    return softmax(UnaryOperator.identity());
  }

  /**
   * Keras' {@code Softmax}, configured: {@code l -> l.name("softmax")}.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor softmax(UnaryOperator<org.neurojoule.layer.Softmax> configure) {
    return then("softmax", () -> configure.apply(org.neurojoule.layer.Softmax.of()));
  }

  /**
   * Keras' {@code ELU}: {@code x} above zero, {@code alpha * (exp(x) - 1)} below (alpha 1 unless
   * configured).
   *
   * @return the new layer's output
   */
  public Tensor elu() {
    return elu(UnaryOperator.identity());
  }

  /**
   * Keras' {@code ELU}, configured: {@code l -> l.name("elu")}.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor elu(UnaryOperator<org.neurojoule.layer.ELU> configure) {
    return then("elu", () -> configure.apply(org.neurojoule.layer.ELU.of()));
  }

  /**
   * Keras' {@code RepeatVector}: {@code (features)} repeated {@code n} times, {@code (n,
   * features)}.
   *
   * @param n the number of repeats
   * @return the new layer's output
   */
  public Tensor repeatVector(int n) {
    return repeatVector(n, UnaryOperator.identity());
  }

  /**
   * Keras' {@code RepeatVector}, configured: {@code l -> l.name("repeatVector")}.
   *
   * @param n the number of repeats
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor repeatVector(int n, UnaryOperator<org.neurojoule.layer.RepeatVector> configure) {
    return then("repeatVector", () -> configure.apply(org.neurojoule.layer.RepeatVector.of(n)));
  }

  /**
   * Keras' {@code Rescaling}: {@code x * scale} element-wise (plus an offset if configured).
   *
   * @param scale the factor
   * @return the new layer's output
   */
  public Tensor rescaling(double scale) {
    return rescaling(scale, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Rescaling}, configured: {@code l -> l.name("rescaling")}.
   *
   * @param scale the factor
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor rescaling(double scale, UnaryOperator<org.neurojoule.layer.Rescaling> configure) {
    return then("rescaling", () -> configure.apply(org.neurojoule.layer.Rescaling.of(scale)));
  }

  /**
   * Keras' {@code Permute}: reorders the axes of each example; {@code permute(2, 1)} swaps two.
   *
   * @param dims the input axis of each output axis, counted from 1 (the batch stays put)
   * @return the new layer's output
   */
  public Tensor permute(int... dims) {
    return permute(dims, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Permute}, configured: {@code p -> p.name("permute")}.
   *
   * @param dims the input axis of each output axis, counted from 1 (the batch stays put)
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor permute(int[] dims, UnaryOperator<org.neurojoule.layer.Permute> configure) {
    int[] values = dims.clone();
    return then("permute", () -> configure.apply(org.neurojoule.layer.Permute.of(values)));
  }

  // ---- recurrent ----

  /**
   * Keras' {@code SimpleRNN} over an input {@code (time, features)}: tanh, last state only.
   *
   * @param units the size of the state and the output
   * @return the new layer's output
   */
  public Tensor simpleRnn(int units) {
    return simpleRnn(units, UnaryOperator.identity());
  }

  /**
   * Keras' {@code SimpleRNN}, configured: {@code r -> r.returnSequences(true)}.
   *
   * @param units the size of the state and the output
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor simpleRnn(int units, UnaryOperator<org.neurojoule.layer.Recurrent> configure) {
    return then(
        "simpleRnn", () -> configure.apply(org.neurojoule.layer.Recurrent.simpleRnn(units)));
  }

  /**
   * Keras' {@code LSTM} over an input {@code (time, features)}: tanh, sigmoid gates, last state.
   *
   * @param units the size of the state and the output
   * @return the new layer's output
   */
  public Tensor lstm(int units) {
    return lstm(units, UnaryOperator.identity());
  }

  /**
   * Keras' {@code LSTM}, configured: {@code r -> r.returnSequences(true)}.
   *
   * @param units the size of the state and the output
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor lstm(int units, UnaryOperator<org.neurojoule.layer.Recurrent> configure) {
    return then("lstm", () -> configure.apply(org.neurojoule.layer.Recurrent.lstm(units)));
  }

  /**
   * Keras' {@code GRU} over an input {@code (time, features)}: tanh, sigmoid gates, reset after.
   *
   * @param units the size of the state and the output
   * @return the new layer's output
   */
  public Tensor gru(int units) {
    return gru(units, UnaryOperator.identity());
  }

  /**
   * Keras' {@code GRU}, configured: {@code r -> r.resetAfter(false)}.
   *
   * @param units the size of the state and the output
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor gru(int units, UnaryOperator<org.neurojoule.layer.Recurrent> configure) {
    return then("gru", () -> configure.apply(org.neurojoule.layer.Recurrent.gru(units)));
  }

  /**
   * Keras' {@code Bidirectional}: {@code layer} forwards and a copy backwards, concatenated, as
   * {@code bidirectional(Recurrent.lstm(8).returnSequences(true))}.
   *
   * @param layer the recurrent layer, as it runs forwards
   * @return the new layer's output
   */
  public Tensor bidirectional(org.neurojoule.layer.Recurrent layer) {
    return bidirectional(layer, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Bidirectional}, configured: {@code b -> b.mergeMode(MergeMode.SUM)}.
   *
   * @param layer the recurrent layer, as it runs forwards
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor bidirectional(
      org.neurojoule.layer.Recurrent layer,
      UnaryOperator<org.neurojoule.layer.Bidirectional> configure) {
    return then(
        "bidirectional", () -> configure.apply(org.neurojoule.layer.Bidirectional.of(layer)));
  }

  // ---- weighted layers: PReLU, Embedding, LayerNormalization, transposed convolutions ----

  /**
   * Keras' {@code PReLU} with one learned slope per element (no shared axes).
   *
   * @return the new layer's output
   */
  public Tensor prelu() {
    return prelu(UnaryOperator.identity());
  }

  /**
   * Keras' {@code PReLU}, configured: {@code p -> p.sharedAxes(1, 2)} (one slope per channel of an
   * image).
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor prelu(UnaryOperator<org.neurojoule.layer.PReLU> configure) {
    return then("prelu", () -> configure.apply(org.neurojoule.layer.PReLU.of()));
  }

  /**
   * Keras' {@code Embedding}: looks the integer ids of this tensor up in a table.
   *
   * @param inputDim the number of ids: the ids are {@code 0 .. inputDim - 1}
   * @param outputDim the length of each embedding vector
   * @return the new layer's output
   */
  public Tensor embedding(int inputDim, int outputDim) {
    return embedding(inputDim, outputDim, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Embedding}, configured: {@code e -> e.maskZero(true)}.
   *
   * @param inputDim the number of ids: the ids are {@code 0 .. inputDim - 1}
   * @param outputDim the length of each embedding vector
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor embedding(
      int inputDim, int outputDim, UnaryOperator<org.neurojoule.layer.Embedding> configure) {
    return then(
        "embedding", () -> configure.apply(org.neurojoule.layer.Embedding.of(inputDim, outputDim)));
  }

  /**
   * Keras' {@code LayerNormalization} over the last axis.
   *
   * @return the new layer's output
   */
  public Tensor layerNormalization() {
    return layerNormalization(UnaryOperator.identity());
  }

  /**
   * Keras' {@code LayerNormalization}, configured: {@code n -> n.axis(1, 2).epsilon(1e-6)}.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor layerNormalization(
      UnaryOperator<org.neurojoule.layer.LayerNormalization> configure) {
    return then(
        "layerNormalization", () -> configure.apply(org.neurojoule.layer.LayerNormalization.of()));
  }

  /**
   * Keras' {@code GroupNormalization}: the channels (the last axis) in {@code groups} groups, each
   * normalized per example over its channels and every position.
   *
   * @param groups the number of channel groups; the channels must divide by it
   * @return the new layer's output
   */
  public Tensor groupNormalization(int groups) {
    return groupNormalization(groups, UnaryOperator.identity());
  }

  /**
   * Keras' {@code GroupNormalization}, configured: {@code g -> g.epsilon(1e-5).center(false)}.
   *
   * @param groups the number of channel groups; the channels must divide by it
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor groupNormalization(
      int groups, UnaryOperator<org.neurojoule.layer.GroupNormalization> configure) {
    return then(
        "groupNormalization",
        () -> configure.apply(org.neurojoule.layer.GroupNormalization.of(groups)));
  }

  /**
   * Keras' {@code Conv1DTranspose} with {@code filters} kernels of side {@code kernelSize}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @return the new layer's output
   */
  public Tensor conv1dTranspose(int filters, int kernelSize) {
    return conv1dTranspose(filters, kernelSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Conv1DTranspose}, configured: {@code c -> c.strides(2).padding(SAME)}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor conv1dTranspose(
      int filters, int kernelSize, UnaryOperator<org.neurojoule.layer.ConvTranspose> configure) {
    return then(
        "conv1dTranspose",
        () -> configure.apply(org.neurojoule.layer.ConvTranspose.of(1, filters, kernelSize)));
  }

  /**
   * Keras' {@code Conv2DTranspose} with {@code filters} kernels of side {@code kernelSize}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @return the new layer's output
   */
  public Tensor conv2dTranspose(int filters, int kernelSize) {
    return conv2dTranspose(filters, kernelSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Conv2DTranspose}, configured: {@code c -> c.strides(2).padding(SAME)}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor conv2dTranspose(
      int filters, int kernelSize, UnaryOperator<org.neurojoule.layer.ConvTranspose> configure) {
    return then(
        "conv2dTranspose",
        () -> configure.apply(org.neurojoule.layer.ConvTranspose.of(2, filters, kernelSize)));
  }

  /**
   * Keras' {@code Conv3DTranspose} with {@code filters} kernels of side {@code kernelSize}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @return the new layer's output
   */
  public Tensor conv3dTranspose(int filters, int kernelSize) {
    return conv3dTranspose(filters, kernelSize, UnaryOperator.identity());
  }

  /**
   * Keras' {@code Conv3DTranspose}, configured: {@code c -> c.strides(2).padding(SAME)}.
   *
   * @param filters the number of output channels
   * @param kernelSize the side of the kernel along every spatial axis
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor conv3dTranspose(
      int filters, int kernelSize, UnaryOperator<org.neurojoule.layer.ConvTranspose> configure) {
    return then(
        "conv3dTranspose",
        () -> configure.apply(org.neurojoule.layer.ConvTranspose.of(3, filters, kernelSize)));
  }

  // ---- preprocessing normalization ----

  /**
   * Keras' preprocessing {@code Normalization} over the last axis: {@code (x - mean) /
   * max(sqrt(variance), 1e-7)}, the mean and variance set as the layer's weights.
   *
   * @return the new layer's output
   */
  public Tensor normalization() {
    return normalization(UnaryOperator.identity());
  }

  /**
   * Keras' preprocessing {@code Normalization}, configured: {@code n -> n.axis(1, 3)}.
   *
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor normalization(UnaryOperator<org.neurojoule.layer.Normalization> configure) {
    return then("normalization", () -> configure.apply(org.neurojoule.layer.Normalization.of()));
  }

  // ---- KerasSpiking filters: Lowpass, Alpha ----

  /**
   * KerasSpiking's {@code Lowpass}: each unit filtered over time (the first axis) with time
   * constant {@code tauInitializer} seconds, {@code y = (1 - a) x + a y}, {@code a = exp(-dt /
   * tau)}.
   *
   * @param tauInitializer the initial time constant in seconds
   * @return the new layer's output
   */
  public Tensor lowpass(double tauInitializer) {
    return lowpass(tauInitializer, UnaryOperator.identity());
  }

  /**
   * KerasSpiking's {@code Lowpass}, configured: {@code f -> f.dt(0.002).levelInitializer(0.5)}.
   *
   * @param tauInitializer the initial time constant in seconds
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor lowpass(
      double tauInitializer, UnaryOperator<org.neurojoule.layer.Filter> configure) {
    return then(
        "lowpass", () -> configure.apply(org.neurojoule.layer.Filter.lowpass(tauInitializer)));
  }

  /**
   * KerasSpiking's {@code Alpha}: each unit filtered over time (the first axis) by {@code 1 / (tau
   * s + 1)^2}, with time constant {@code tauInitializer} seconds.
   *
   * @param tauInitializer the initial time constant in seconds
   * @return the new layer's output
   */
  public Tensor alpha(double tauInitializer) {
    return alpha(tauInitializer, UnaryOperator.identity());
  }

  /**
   * KerasSpiking's {@code Alpha}, configured: {@code f -> f.dt(0.002).returnSequences(false)}.
   *
   * @param tauInitializer the initial time constant in seconds
   * @param configure sets the layer's optional arguments (Keras' names) on its defaults
   * @return the new layer's output
   */
  public Tensor alpha(double tauInitializer, UnaryOperator<org.neurojoule.layer.Filter> configure) {
    return then("alpha", () -> configure.apply(org.neurojoule.layer.Filter.alpha(tauInitializer)));
  }

  /** The chain that produced this tensor: {@code input 28x28x1 -> conv2d(2, 7x7) -> relu}. */
  @Override
  public String toString() {
    return TensorGraph.describeChain(this) + " : " + shape;
  }
}
