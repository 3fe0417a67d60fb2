package org.neurojoule.layer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' element-wise merges other than {@code Add}: {@code Multiply}, {@code Subtract} (exactly
 * two inputs, the first minus the second), {@code Average}, {@code Maximum} and {@code Minimum}.
 *
 * <p>Shapes follow Keras' merge rule: aligned from the last axis, two sizes agree when equal or
 * when one is 1 (it is repeated); a shorter shape is padded with 1s in front; an undefined size
 * stays undefined. EfficientNet's squeeze-and-excite multiplies {@code (112, 112, 32)} by {@code
 * (1, 1, 32)} so. No parameters.
 *
 * <p>Statistics, one application per timestep: under {@link Accounting#COMPLETE}, {@code Multiply}
 * counts a product of activations per output element and extra input (connections = output size ×
 * (inputs − 1)), since a product of two signals is a multiplication the hardware does; {@code
 * Subtract}, {@code Average}, {@code Maximum} and {@code Minimum} count 0, as the reference counts
 * {@code Add} (additions and comparisons, no weights). No merge has neurons, and all are spiking.
 * The reference has a rule for {@code Add} only, so under {@link Accounting#KERAS_SPIKING} these
 * count 0 with its warning.
 *
 * @param kind which merge
 * @param name the name the user gave, or empty for an automatic one
 */
public record Merge(Kind kind, Optional<String> name) implements LayerSpec {

  /** The merge operations. */
  public enum Kind {
    /** The element-wise product. */
    MULTIPLY,
    /** The first input minus the second. */
    SUBTRACT,
    /** The element-wise mean. */
    AVERAGE,
    /** The element-wise maximum. */
    MAXIMUM,
    /** The element-wise minimum. */
    MINIMUM;

    /** {@return the Keras class name: {@code Multiply}} */
    public String kerasClass() {
      String lower = name().toLowerCase(Locale.ROOT);
      return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
  }

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param kind which merge
   * @param name the name the user gave, or empty for an automatic one
   */
  public Merge {
    Checks.notNull(kind, "kind");
    name = Checks.name(name);
  }

  /** {@return Keras' {@code Multiply}} */
  public static Merge multiply() {
    return new Merge(Kind.MULTIPLY, Optional.empty());
  }

  /** {@return Keras' {@code Subtract}} */
  public static Merge subtract() {
    return new Merge(Kind.SUBTRACT, Optional.empty());
  }

  /** {@return Keras' {@code Average}} */
  public static Merge average() {
    return new Merge(Kind.AVERAGE, Optional.empty());
  }

  /** {@return Keras' {@code Maximum}} */
  public static Merge maximum() {
    return new Merge(Kind.MAXIMUM, Optional.empty());
  }

  /** {@return Keras' {@code Minimum}} */
  public static Merge minimum() {
    return new Merge(Kind.MINIMUM, Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Merge name(String name) {
    return new Merge(kind, Optional.of(name));
  }

  @Override
  public String type() {
    return kind.kerasClass();
  }

  @Override
  public int minInputs() {
    return 2;
  }

  @Override
  public int maxInputs() {
    return kind == Kind.SUBTRACT ? 2 : Integer.MAX_VALUE;
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape out = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      out = broadcast(inputs, out, i);
    }
    return out;
  }

  /** Keras' {@code _compute_elemwise_op_output_shape} of the shape so far and input {@code i}. */
  private Shape broadcast(List<Shape> inputs, Shape sofar, int i) {
    Shape next = inputs.get(i);
    Shape longer = sofar.rank() >= next.rank() ? sofar : next;
    Shape shorter = longer == sofar ? next : sofar;
    int[] out = longer.toArray();
    int offset = longer.rank() - shorter.rank();
    for (int k = 0; k < shorter.rank(); k++) {
      int a = out[offset + k];
      int b = shorter.get(k);
      if (a == Shape.NONE || b == Shape.NONE) {
        out[offset + k] = Shape.NONE;
      } else if (a == 1) {
        out[offset + k] = b;
      } else if (b != 1 && a != b) {
        throw ShapeException.of(
            ShapeError.ADD_SHAPE_MISMATCH,
            inputs,
            "cannot "
                + kind.name().toLowerCase(Locale.ROOT)
                + " inputs of shapes "
                + Layers.listShapes(inputs)
                + ": input "
                + i
                + " is "
                + next
                + ", which neither"
                + " equals nor broadcasts against "
                + sofar
                + " (axis "
                + (k - shorter.rank())
                + ": "
                + b
                + " vs "
                + a
                + ")");
      }
    }
    return Shape.of(out);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.empty();
    }
    if (kind != Kind.MULTIPLY) {
      return Optional.of(LayerStats.NONE);
    }
    long size = Checks.unitsPerStep(output, inputs, "output");
    // Layers turns an overflow here into an error naming the layer.
    return Optional.of(LayerStats.connections(Math.multiplyExact(size, inputs.size() - 1L)));
  }

  @Override
  public String describe() {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
