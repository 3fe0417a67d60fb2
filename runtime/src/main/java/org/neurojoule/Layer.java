package org.neurojoule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * One layer object: a {@link LayerSpec} with an identity. Every fluent call such as {@code
 * x.dense(10)} makes a new layer; calling {@link #apply} on an existing one reuses it (shared
 * weights), and a reused layer's statistics are summed over its applications.
 *
 * <p>A layer's automatic name depends on the model it is in (names are counted per model, in
 * creation order, as Keras does in a fresh session), so it is asked of the {@link Model}.
 */
public final class Layer {
  private static final AtomicLong CREATED = new AtomicLong();

  private final LayerSpec spec;
  private final long creationOrder;
  private final Optional<Layer> wrapped;
  private volatile float[][] weights;

  /** Drawn from one counter at each setWeights, so a model's largest changes with any weight. */
  private volatile long weightsVersion;

  private static final AtomicLong WEIGHT_CHANGES = new AtomicLong();

  /** The input shapes of the first application: they fix the exact weight shapes. */
  private volatile List<Shape> inputShapes;

  /** The name the latest model built over this layer gave it, for error messages. */
  private volatile String modelName;

  /** The number formats a quantized model stores; null means float32 throughout. */
  private volatile Precision precision;

  /** The spec's auto-name stem, found once (a regex) rather than at every model built over it. */
  private String namePrefix;

  /**
   * {@return a new layer object computing {@code spec}, to {@link #apply} to tensors; the way to
   * declare layers from specs, as generated model classes do} A {@code TimeDistributed} spec gets
   * its own inner layer object, as in Keras.
   *
   * @param spec what the layer computes
   */
  public static Layer of(LayerSpec spec) {
    Objects.requireNonNull(spec, "spec == null");
    Optional<Layer> inner = spec.wrapped().map(Layer::of);
    return new Layer(spec, inner);
  }

  Layer(LayerSpec spec, Optional<Layer> wrapped) {
    this.spec = Objects.requireNonNull(spec, "spec == null");
    this.wrapped = wrapped;
    this.creationOrder = CREATED.incrementAndGet();
  }

  /** {@return what the layer computes} */
  public LayerSpec spec() {
    return spec;
  }

  /** {@return the name the user gave, if any} */
  public Optional<String> givenName() {
    return spec.name();
  }

  /** {@return the Keras type, such as {@code Conv2D}} */
  public String type() {
    return spec.type();
  }

  /**
   * Applies this layer again, to {@code inputs}: the result shares this layer (and its weights).
   *
   * @param inputs the input tensors
   * @return the output of the new application
   * @throws org.neurojoule.shape.ShapeException naming the layer if it does not fit the inputs
   */
  public Tensor apply(Tensor... inputs) {
    Objects.requireNonNull(inputs, "inputs == null");
    for (int i = 0; i < inputs.length; i++) {
      Objects.requireNonNull(inputs[i], "inputs[" + i + "] == null");
    }
    return Tensor.applied(this, List.of(inputs));
  }

  /**
   * Records the number formats the layer's weights and activations are stored in, as an importer of
   * a quantized model knows them. The weights themselves stay the dequantized float values.
   *
   * @param precision the formats, one per weight array in the layer's weight order
   */
  public void setPrecision(Precision precision) {
    this.precision = Objects.requireNonNull(precision, "precision == null");
  }

  /** {@return the recorded number formats, or empty for a float32 layer} */
  public Optional<Precision> precision() {
    return Optional.ofNullable(precision);
  }

  /**
   * Sets the layer's weights, each array flattened row-major in its Keras shape and in Keras'
   * order: kernel then bias (Conv, Dense, DepthwiseConv2D); depthwise kernel, pointwise kernel,
   * bias (SeparableConv2D); gamma, beta, moving mean, moving variance (BatchNormalization). A
   * {@code timeDistributed} layer takes its wrapped layer's weights. Every layer's spec lists its
   * arrays ({@link org.neurojoule.layer.LayerSpec#weights(List)}). The arrays are copied.
   *
   * @param weights the weight arrays in Keras' order, each flattened row-major
   * @throws IllegalArgumentException naming the layer and the expected shapes if the number of
   *     arrays or their sizes do not fit; naming the layer, the array, the index and the value if a
   *     value is NaN or infinite, or a moving variance is negative
   */
  public void setWeights(float[]... weights) {
    Objects.requireNonNull(weights, "weights == null");
    if (!WeightShapes.hasWeights(spec)) {
      throw new IllegalArgumentException(
          "layer "
              + describeForErrors()
              + " has no weights, but got "
              + weights.length
              + (weights.length == 1 ? " array" : " arrays"));
    }
    for (int i = 0; i < weights.length; i++) {
      Objects.requireNonNull(weights[i], "weights[" + i + "] == null");
    }
    List<WeightShapes.Weight> expected = exactShapes();
    String forInput =
        expected.isEmpty() ? "" : " for its input " + inputShapes.get(0).toKerasString();
    if (expected.isEmpty()) {
      // Not applied yet: the input size is whatever the first array implies.
      int cin =
          weights.length == WeightShapes.of(spec, 1).size()
              ? WeightShapes.inferInputChannels(spec, weights[0].length)
              : -1;
      expected = cin > 0 ? WeightShapes.of(spec, cin) : List.of();
    }
    boolean fits = !expected.isEmpty() && weights.length == expected.size();
    for (int i = 0; fits && i < weights.length; i++) {
      fits = weights[i].length == expected.get(i).count();
    }
    if (!fits) {
      List<Integer> sizes = new ArrayList<>();
      for (float[] w : weights) {
        sizes.add(w.length);
      }
      String shapes =
          forInput.isEmpty()
              ? WeightShapes.symbolic(spec) + (expected.isEmpty() ? "" : " = " + expected)
              : expected.toString();
      throw new IllegalArgumentException(
          "layer "
              + describeForErrors()
              + " takes "
              + WeightShapes.of(spec, 1).size()
              + " weight arrays, "
              + shapes
              + forInput
              + ", each flattened row-major; got "
              + weights.length
              + " arrays of sizes "
              + sizes);
    }
    for (int i = 0; i < weights.length; i++) {
      checkValues(expected.get(i).name(), weights[i]);
    }
    float[][] copy = new float[weights.length][];
    for (int i = 0; i < weights.length; i++) {
      copy[i] = weights[i].clone();
    }
    // A timeDistributed wrapper's weights are its wrapped layer's.
    Layer holder = wrapped.orElse(this);
    holder.weights = copy;
    holder.weightsVersion = WEIGHT_CHANGES.incrementAndGet();
  }

  /** Weights must be finite, and a variance (batch normalization's, normalization's) >= 0. */
  private void checkValues(String array, float[] values) {
    boolean variance = array.equals("moving_variance") || array.equals("variance");
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (!Float.isFinite(v) || (variance && !(v >= 0))) {
        throw new IllegalArgumentException(
            "layer "
                + describeForErrors()
                + ": "
                + array
                + "["
                + i
                + "] is "
                + v
                + "; "
                + (Float.isFinite(v)
                    ? "a variance must be >= 0"
                    : "weights must be finite numbers"));
      }
    }
  }

  /** The weight shapes for the inputs of the first application; empty before one. */
  private List<WeightShapes.Weight> exactShapes() {
    List<Shape> in = inputShapes;
    if (in == null) {
      return List.of();
    }
    try {
      return WeightShapes.of(spec, in);
    } catch (ShapeException e) {
      return List.of(); // an undefined last axis: fall back to the implied input size
    }
  }

  /** The input shapes of the first application; null before one. */
  List<Shape> firstInputShapes() {
    return inputShapes;
  }

  /** Called for each application, with the shapes it was applied to. */
  void appliedTo(List<Shape> shapes) {
    if (inputShapes == null) {
      inputShapes = List.copyOf(shapes);
    }
  }

  /** Called when a model names this layer. */
  void namedInModel(String name) {
    modelName = name;
  }

  /**
   * {@return the weights set with {@link #setWeights} or {@code Model.initializeWeights}, copied,
   * in Keras' order; empty if none were set (the forward pass then uses Keras' default initializers
   * with a fixed seed)}
   */
  public List<float[]> weights() {
    if (wrapped.isPresent()) {
      return wrapped.get().weights();
    }
    float[][] w = weights;
    if (w == null) {
      return List.of();
    }
    List<float[]> copy = new ArrayList<>(w.length);
    for (float[] a : w) {
      copy.add(a.clone());
    }
    return List.copyOf(copy);
  }

  /** Increases every time weights are set on this layer (0 before); unique across layers. */
  long weightsVersion() {
    return wrapped.map(Layer::weightsVersion).orElse(weightsVersion);
  }

  /** {@return whether weights were set} */
  public boolean hasWeights() {
    return wrapped.map(Layer::hasWeights).orElse(weights != null);
  }

  private String describeForErrors() {
    String name = spec.name().orElse(modelName);
    return (name != null ? "'" + name + "' " + spec.describe() : spec.describe())
        + " ("
        + spec.type()
        + ")";
  }

  /** The layer a {@code timeDistributed} wrapper applies on each step, if this is one. */
  Optional<Layer> wrapped() {
    return wrapped;
  }

  /** {@return the stem of this layer's automatic names, {@code re_lu}} */
  String namePrefix() {
    String prefix = namePrefix;
    if (prefix == null) {
      prefix = spec.namePrefix(); // a benign race: every thread computes the same string
      namePrefix = prefix;
    }
    return prefix;
  }

  long creationOrder() {
    return creationOrder;
  }

  @Override
  public String toString() {
    return spec.describe();
  }
}
