package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Multiplies its input by a stored tensor, broadcast as numpy does (the stored shape aligned to the
 * input's last axes, each of its sizes equal or 1): an exported model's {@code x * gamma} by a
 * learned tensor (a layer scale, a per-channel factor). Keras has no such layer; {@link Scale}
 * stores one factor per unit, this one the exporter's tensor, whatever it broadcasts over.
 *
 * <p>Parameters: the stored values ({@code weight} of {@code shape}). A multiply per output, like
 * {@link Rescaling}'s, which the statistics leave out: connections and neurons are 0 under {@link
 * Accounting#COMPLETE}; the reference has no rule for it (0 with a warning under {@link
 * Accounting#KERAS_SPIKING}).
 *
 * @param shape the stored tensor's dimensions, each {@code >= 1}
 * @param name the name the user gave, or empty for an automatic one
 */
public record MulWeight(List<Integer> shape, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param shape the stored tensor's dimensions, each {@code >= 1}
   * @param name the name the user gave, or empty for an automatic one
   */
  public MulWeight {
    shape = StoredShape.check("MulWeight", shape);
    name = Checks.name(name);
  }

  /**
   * {@return a multiply by a stored tensor of this shape}
   *
   * @param shape the stored tensor's dimensions
   */
  public static MulWeight of(int... shape) {
    return new MulWeight(StoredShape.list(shape), Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public MulWeight name(String name) {
    return new MulWeight(shape, Optional.of(name));
  }

  @Override
  public String type() {
    return "MulWeight";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    int offset = in.rank() - shape.size();
    boolean fits = offset >= 0;
    for (int i = 0; fits && i < shape.size(); i++) {
      fits = shape.get(i) == 1 || shape.get(i) == in.get(offset + i);
    }
    if (!fits) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "a stored tensor of "
              + WeightShapes.shapeText(Checks.toArray(shape))
              + " does not broadcast to the input "
              + in.toKerasString()
              + " (its sizes, aligned to the last axes, must be equal or 1)");
    }
    return in;
  }

  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    outputShape(inputs);
    return weights(0);
  }

  /** The stored tensor, whatever the input; it starts at ones, so that it keeps the input. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    return List.of(WeightShapes.Weight.ones("weight", Checks.toArray(shape)));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    outputShape(inputs);
    return StoredShape.params(shape);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return StoredShape.stats(accounting);
  }

  @Override
  public String describe() {
    return "mulWeight(" + Checks.dims(shape) + ")";
  }
}
