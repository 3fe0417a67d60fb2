package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * The weight arrays a layer holds, in Keras' order and layout. Each spec declares its own through
 * {@link LayerSpec#weights(List)} and {@link LayerSpec#weights(int)}; this class holds the array
 * type and the facades over them. Conv kernel {@code (k..., cin, filters)} then bias; Dense {@code
 * (in, units)} then bias; BatchNormalization gamma, beta, moving mean, moving variance; the other
 * layers' javadoc gives theirs.
 */
public final class WeightShapes {
  private WeightShapes() {}

  /**
   * One weight array: its Keras name, shape and Keras' default initializer. Equality compares the
   * name and the shape.
   */
  public record Weight(String name, int[] shape, String initializer) {
    /**
     * Copies the shape.
     *
     * @param name the Keras name: {@code kernel}, {@code bias}, ...
     * @param shape the dimensions
     * @param initializer Keras' default initializer: {@code glorot_uniform}, {@code orthogonal},
     *     {@code zeros}, {@code ones}, {@code uniform} (Keras' {@code RandomUniform(-0.05, 0.05)})
     *     or {@code constant(v)} (Keras' {@code Constant(v)})
     */
    public Weight {
      shape = shape.clone();
    }

    /**
     * An array initialized with zeros, as Keras initializes biases.
     *
     * @param name the Keras name
     * @param shape the dimensions
     */
    public Weight(String name, int[] shape) {
      this(name, shape, "zeros");
    }

    /**
     * {@return a kernel initialized with {@code glorot_uniform}}
     *
     * @param name the Keras name
     * @param shape the dimensions
     */
    public static Weight glorot(String name, int... shape) {
      return new Weight(name, shape, "glorot_uniform");
    }

    /**
     * {@return an array initialized with zeros}
     *
     * @param name the Keras name
     * @param shape the dimensions
     */
    public static Weight zeros(String name, int... shape) {
      return new Weight(name, shape, "zeros");
    }

    /**
     * {@return an array initialized with ones}
     *
     * @param name the Keras name
     * @param shape the dimensions
     */
    public static Weight ones(String name, int... shape) {
      return new Weight(name, shape, "ones");
    }

    /** {@return the dimensions in Keras' layout (a copy)} */
    @Override
    public int[] shape() {
      return shape.clone();
    }

    /**
     * {@return the number of values, counted in {@code long}}
     *
     * @throws IllegalArgumentException naming the array if even a {@code long} cannot count them
     */
    public long count() {
      long n = 1;
      for (int d : shape) {
        if (d != 0 && n > Long.MAX_VALUE / d) {
          throw new IllegalArgumentException(
              "weight array " + this + " has more than 2^63-1 values");
        }
        n *= d;
      }
      return n;
    }

    /**
     * {@return the number of values, as the length of the array holding them}
     *
     * @throws IllegalArgumentException naming the array and its size if no Java array holds it
     */
    public int size() {
      long n = count();
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "weight array "
                + this
                + " has "
                + n
                + " values, more than a Java array holds (at most "
                + Integer.MAX_VALUE
                + ")");
      }
      return (int) n;
    }

    /** {@code kernel (968, 128)}. */
    @Override
    public String toString() {
      return name + " " + shapeText(shape);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Weight w && w.name.equals(name) && Arrays.equals(w.shape, shape);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
  }

  /**
   * {@return the weights of {@code spec} applied to inputs of these shapes (without the batch)}
   *
   * @param spec the layer spec
   * @param inputs the shapes of the inputs (without the batch)
   */
  public static List<Weight> of(LayerSpec spec, List<Shape> inputs) {
    return spec.weights(inputs);
  }

  /**
   * {@return whether {@code spec} holds weights}
   *
   * @param spec the layer spec
   */
  public static boolean hasWeights(LayerSpec spec) {
    return !spec.weights(1).isEmpty();
  }

  /**
   * {@return the weights of {@code spec} for an input whose last axis has {@code cin} entries}
   *
   * @param spec the layer spec
   * @param cin the size of the input's last axis
   */
  public static List<Weight> of(LayerSpec spec, int cin) {
    return spec.weights(cin);
  }

  /**
   * {@return the weights of a layer whose weights depend on its single input's last axis only:
   * {@code spec.weights(cin)}}
   *
   * @param spec the layer spec
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException naming the layer and the input if its last axis is undefined
   */
  static List<Weight> ofLastAxis(LayerSpec spec, List<Shape> inputs) {
    if (spec.weights(1).isEmpty()) {
      return List.of();
    }
    Shape in = Checks.single(inputs);
    int cin = in.get(-1);
    if (cin == Shape.NONE) {
      throw ShapeException.invalid(
          spec.describe() + ": weights need a defined last input axis, the input is " + in);
    }
    return spec.weights(cin);
  }

  /**
   * {@return {@code a * b}, one dimension of a weight array, counted in {@code long} first}
   *
   * @param spec the layer spec, named in the error
   * @param what what the product is, as the error names it: {@code "cin * depth_multiplier"}
   * @param a the first factor
   * @param b the second factor
   * @throws ShapeException naming the layer and both sizes if the product exceeds an {@code int}
   */
  static int dimension(LayerSpec spec, String what, int a, int b) {
    long n = (long) a * b;
    if (n > Integer.MAX_VALUE) {
      throw ShapeException.invalid(
          spec.describe()
              + ": "
              + what
              + " = "
              + a
              + " * "
              + b
              + " = "
              + n
              + ", more than a weight dimension holds (at most "
              + Integer.MAX_VALUE
              + ")");
    }
    return (int) n;
  }

  /**
   * The input size {@code cin} that makes the first weight array hold {@code firstLength} values,
   * or -1 if none does.
   *
   * @param spec the layer spec
   * @param firstLength the number of values in the first weight array
   * @return that input size, or -1
   */
  public static int inferInputChannels(LayerSpec spec, int firstLength) {
    List<Weight> one = of(spec, 1);
    if (one.isEmpty()) {
      return -1;
    }
    int per = one.get(0).size();
    return per > 0 && firstLength > 0 && firstLength % per == 0 ? firstLength / per : -1;
  }

  /**
   * {@return the shapes as text with {@code cin} for the input size: {@code [kernel (cin, 128),
   * bias (128)]}}
   *
   * @param spec the layer spec
   */
  public static String symbolic(LayerSpec spec) {
    // Use an unlikely sentinel size to locate the input axis in each shape; a smaller one when a
    // large factor (a depth multiplier of thousands) would take the shapes past an int.
    int[] sentinels = {1_000_003, 10_007, 101};
    for (int i = 0; ; i++) {
      try {
        return symbolic(spec, sentinels[i]);
      } catch (ShapeException e) {
        if (i == sentinels.length - 1) {
          throw e;
        }
      }
    }
  }

  private static String symbolic(LayerSpec spec, int sentinel) {
    List<String> parts = new ArrayList<>();
    for (Weight w : of(spec, sentinel)) {
      StringBuilder s = new StringBuilder(w.name()).append(" (");
      int[] dims = w.shape();
      for (int i = 0; i < dims.length; i++) {
        if (i > 0) {
          s.append(", ");
        }
        if (dims[i] == sentinel) {
          s.append("cin");
        } else if (dims[i] % sentinel == 0) {
          s.append("cin*").append(dims[i] / sentinel);
        } else {
          s.append(dims[i]);
        }
      }
      parts.add(s.append(dims.length == 1 ? ",)" : ")").toString());
    }
    return parts.toString();
  }

  /**
   * {@return a shape as Python prints a tuple: {@code (968, 128)}, {@code (128,)}}
   *
   * @param shape the dimensions
   */
  public static String shapeText(int[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(shape[i]);
    }
    return s.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
