package org.neurojoule;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.neurojoule.layer.LayerSpec;

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

  /**
   * A new layer object computing {@code spec}, to {@link #apply} to tensors; the way to declare
   * layers from specs, as generated model classes do. A {@code TimeDistributed} spec gets its own
   * inner layer object, as in Keras.
   */
  public static Layer of(LayerSpec spec) {
    Objects.requireNonNull(spec, "spec == null");
    Optional<Layer> inner = spec instanceof org.neurojoule.layer.TimeDistributed td
        ? Optional.of(of(td.layer()))
        : Optional.empty();
    return new Layer(spec, inner);
  }

  Layer(LayerSpec spec, Optional<Layer> wrapped) {
    this.spec = Objects.requireNonNull(spec, "spec == null");
    this.wrapped = wrapped;
    this.creationOrder = CREATED.incrementAndGet();
  }

  /** What the layer computes. */
  public LayerSpec spec() {
    return spec;
  }

  /** The name the user gave, if any. */
  public Optional<String> givenName() {
    return spec.name();
  }

  /** The Keras type, such as {@code Conv2D}. */
  public String type() {
    return spec.type();
  }

  /**
   * Applies this layer again, to {@code inputs}: the result shares this layer (and its weights).
   *
   * @throws org.neurojoule.shape.ShapeException naming the layer if it does not fit the inputs
   */
  public Tensor apply(Tensor... inputs) {
    return Tensor.applied(this, List.of(inputs));
  }

  /** The layer a {@code timeDistributed} wrapper applies on each step, if this is one. */
  Optional<Layer> wrapped() {
    return wrapped;
  }

  long creationOrder() {
    return creationOrder;
  }

  @Override
  public String toString() {
    return spec.describe();
  }
}
