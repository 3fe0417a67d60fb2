package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code PReLU}: {@code x} for {@code x >= 0}, {@code alpha * x} below, with a learned
 * {@code alpha} per element of the input, shared along {@code sharedAxes}.
 *
 * <p>{@code sharedAxes} are Keras' axis numbers, which count the batch as axis 0: for an image
 * {@code (None, h, w, c)}, {@code sharedAxes(1, 2)} learns one alpha per channel. The alpha array
 * has the input's shape with the shared axes set to 1; those not shared must be defined. Output
 * shape = input shape; parameters = the alpha count; neurons = the output units per timestep, as
 * for LeakyReLU (the reference has no rule for PReLU: 0 and a warning under {@link
 * Accounting#KERAS_SPIKING}).
 *
 * @param sharedAxes the Keras axes (1 = first after the batch) that share one alpha, ascending
 * @param name the name the user gave, or empty for an automatic one
 */
public record PReLU(List<Integer> sharedAxes, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param sharedAxes the Keras axes (1 = first after the batch) that share one alpha
   * @param name the name the user gave, or empty for an automatic one
   */
  public PReLU {
    Checks.notNull(sharedAxes, "sharedAxes");
    List<Integer> sorted = new ArrayList<>(sharedAxes);
    sorted.sort(null);
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i) < 1) {
        throw ShapeException.invalid(
            "sharedAxes must be >= 1 (axis 0 is the batch), was " + sorted.get(i));
      }
      if (i > 0 && sorted.get(i).equals(sorted.get(i - 1))) {
        throw ShapeException.invalid("sharedAxes lists axis " + sorted.get(i) + " twice");
      }
    }
    sharedAxes = List.copyOf(sorted);
    name = Checks.name(name);
  }

  /** {@return a PReLU with one alpha per input element (Keras' default: no shared axes)} */
  public static PReLU of() {
    return new PReLU(List.of(), Optional.empty());
  }

  /**
   * {@return a copy sharing alpha along these Keras axes}
   *
   * @param sharedAxes the Keras axes (1 = first after the batch); none for one alpha per element
   */
  public PReLU sharedAxes(int... sharedAxes) {
    List<Integer> axes = new ArrayList<>();
    for (int a : sharedAxes) {
      axes.add(a);
    }
    return new PReLU(axes, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public PReLU name(String name) {
    return new PReLU(sharedAxes, Optional.of(name));
  }

  @Override
  public String type() {
    return "PReLU";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    alphaShape(inputs);
    return Checks.single(inputs);
  }

  /** Alpha, of {@link #alphaShape}. */
  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    return List.of(WeightShapes.Weight.zeros("alpha", alphaShape(inputs)));
  }

  /** Alpha {@code (cin,)}, as on an input of shape {@code (cin,)}. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    return List.of(WeightShapes.Weight.zeros("alpha", cin));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long n = 1;
    for (int d : alphaShape(inputs)) {
      n = Math.multiplyExact(n, d);
    }
    return ParamCount.trainable(n);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING
        ? Optional.empty()
        : Optional.of(LayerStats.neuronsOnly(Checks.unitsPerStep(output, inputs, "output")));
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.ACTIVATIONS;
  }

  @Override
  public String describe() {
    return sharedAxes.isEmpty() ? "prelu" : "prelu(shared axes " + sharedAxes + ")";
  }

  /**
   * {@return the shape of the alpha array: the input's, with the shared axes set to 1}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException naming the axis if a shared axis is beyond the input or an axis that is
   *     not shared is undefined
   */
  public int[] alphaShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    int[] alpha = in.toArray();
    for (int axis : sharedAxes) {
      if (axis > in.rank()) {
        throw ShapeException.of(
            ShapeError.WRONG_RANK,
            inputs,
            "shared axis "
                + axis
                + " is beyond the input "
                + in.toKerasString()
                + " (its axes are 1 to "
                + in.rank()
                + ")");
      }
      alpha[axis - 1] = 1;
    }
    for (int i = 0; i < alpha.length; i++) {
      if (alpha[i] == Shape.NONE) {
        throw Checks.undefined(
            inputs,
            "needs a defined size on every axis it does not share, but"
                + " axis "
                + (i + 1)
                + " of "
                + in.toKerasString()
                + " is undefined; share it with"
                + " sharedAxes("
                + (i + 1)
                + ") or give it a size");
      }
    }
    return alpha;
  }
}
