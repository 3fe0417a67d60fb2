package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurojoule.shape.Shape;

/**
 * The weight arrays a layer holds, in Keras' order and layout: Conv kernel {@code (k..., cin,
 * filters)} then bias; Dense {@code (in, units)} then bias; DepthwiseConv2D {@code (kh, kw, cin,
 * dm)} then bias; SeparableConv2D depthwise kernel, pointwise kernel {@code (1, 1, cin * dm,
 * filters)}, bias; BatchNormalization gamma, beta, moving mean, moving variance (gamma only with
 * {@code scale}, beta only with {@code center}). {@code TimeDistributed} holds its layer's weights.
 * Recurrent layers: kernel {@code (cin, gates * units)}, recurrent kernel {@code (units, gates *
 * units)}, bias; a Bidirectional its forward layer's, then its backward layer's.
 *
 * PReLU alpha, of the input's shape with the shared axes set to 1; Embedding embeddings {@code
 * (inputDim, outputDim)}; LayerNormalization gamma, beta, of the normalized axes' shape;
 * Conv1D/2D/3DTranspose kernel {@code (k..., filters, cin)} then bias.
 *
 * <p>Every shape depends on the spec and the size of the input's last axis ({@code cin}) only,
 * except PReLU's and LayerNormalization's, which {@link #of(LayerSpec, List)} reads from the whole
 * input shape ({@link #of(LayerSpec, int)} gives them as for an input of shape {@code (cin,)}).
 */
public final class WeightShapes {
  private WeightShapes() {}

  /** One weight array: its Keras name and shape. */
  public record Weight(String name, int[] shape) {
    /**
     * Checks every component; a bad one is an error naming it.
     *
     * @param name the name the user gave, or empty for an automatic one
     * @param shape the dimensions
     */
    public Weight {
      shape = shape.clone();
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
          throw new IllegalArgumentException("weight array " + this
              + " has more than 2^63-1 values");
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
        throw new IllegalArgumentException("weight array " + this + " has " + n
            + " values, more than a Java array holds (at most " + Integer.MAX_VALUE + ")");
      }
      return (int) n;
    }

    /**
     * {@return Keras' initializer for this array: {@code glorot_uniform}, {@code zeros}, {@code
     * ones} or {@code uniform} (Keras' {@code RandomUniform(-0.05, 0.05)})}
     */
    public String initializer() {
      return switch (name) {
        case "kernel", "depthwise_kernel", "pointwise_kernel" -> "glorot_uniform";
        // Keras' recurrent_kernel is orthogonal; glorot_uniform keeps the same scale here
        case "recurrent_kernel" -> "glorot_uniform";
        case "gamma", "moving_variance" -> "ones";
        case "embeddings" -> "uniform";
        default -> "zeros";
      };
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
    if (!hasWeights(spec)) {
      return List.of();
    }
    Shape in = Checks.single(inputs);
    if (spec instanceof TimeDistributed td) {
      return of(td.layer(), List.of(TimeDistributed.stepShape(in)));
    }
    // weighted layers (PReLU, LayerNormalization): weights shaped by more than the last axis
    if (spec instanceof PReLU p) {
      return List.of(new Weight("alpha", p.alphaShape(inputs)));
    } else if (spec instanceof LayerNormalization ln) {
      return layerNormalization(ln, ln.paramShape(inputs));
    } else if (spec instanceof Embedding) {
      return of(spec, 1);   // the table does not depend on the input, which may be undefined
    }
    int cin = in.get(-1);
    if (cin == Shape.NONE) {
      throw org.neurojoule.shape.ShapeException.invalid(
          spec.describe() + ": weights need a defined last input axis, the input is " + in);
    }
    return of(spec, cin);
  }

  /**
   * {@return whether {@code spec} holds weights}
   *
   * @param spec the layer spec
   */
  public static boolean hasWeights(LayerSpec spec) {
    return spec instanceof Conv
        || spec instanceof Dense
        || spec instanceof DepthwiseConv2D
        || spec instanceof SeparableConv2D
        || spec instanceof BatchNormalization
        || (spec instanceof TimeDistributed td && hasWeights(td.layer()))
        // recurrent layers
        || spec instanceof Recurrent
        || spec instanceof Bidirectional
        // weighted layers: PReLU, Embedding, LayerNormalization, Conv1D/2D/3DTranspose
        || spec instanceof PReLU
        || spec instanceof Embedding
        || (spec instanceof LayerNormalization ln && (ln.center() || ln.scale()))
        || spec instanceof ConvTranspose;
  }

  /**
   * {@return the weights of {@code spec} for an input whose last axis has {@code cin} entries}
   *
   * @param spec the layer spec
   * @param cin the size of the input's last axis
   */
  public static List<Weight> of(LayerSpec spec, int cin) {
    List<Weight> w = new ArrayList<>();
    if (spec instanceof TimeDistributed td) {
      return of(td.layer(), cin);
    } else if (spec instanceof Conv c) {
      int[] k = new int[c.rank() + 2];
      for (int i = 0; i < c.rank(); i++) {
        k[i] = c.kernelSize().get(i);
      }
      k[c.rank()] = cin;
      k[c.rank() + 1] = c.filters();
      w.add(new Weight("kernel", k));
      if (c.useBias()) {
        w.add(new Weight("bias", new int[] {c.filters()}));
      }
    } else if (spec instanceof Dense d) {
      w.add(new Weight("kernel", new int[] {cin, d.units()}));
      if (d.useBias()) {
        w.add(new Weight("bias", new int[] {d.units()}));
      }
    } else if (spec instanceof DepthwiseConv2D d) {
      w.add(new Weight("depthwise_kernel", new int[] {
          d.kernelSize().get(0), d.kernelSize().get(1), cin, d.depthMultiplier()}));
      if (d.useBias()) {
        w.add(new Weight("bias", new int[] {Math.multiplyExact(cin, d.depthMultiplier())}));
      }
    } else if (spec instanceof SeparableConv2D s) {
      w.add(new Weight("depthwise_kernel", new int[] {
          s.kernelSize().get(0), s.kernelSize().get(1), cin, s.depthMultiplier()}));
      w.add(new Weight("pointwise_kernel",
          new int[] {1, 1, Math.multiplyExact(cin, s.depthMultiplier()), s.filters()}));
      if (s.useBias()) {
        w.add(new Weight("bias", new int[] {s.filters()}));
      }
    } else if (spec instanceof BatchNormalization b) {
      if (b.scale()) {
        w.add(new Weight("gamma", new int[] {cin}));
      }
      if (b.center()) {
        w.add(new Weight("beta", new int[] {cin}));
      }
      w.add(new Weight("moving_mean", new int[] {cin}));
      w.add(new Weight("moving_variance", new int[] {cin}));
    } else if (spec instanceof Recurrent r) {
      // recurrent layers: kernel (in, gates * units), recurrent_kernel (units, gates * units),
      // bias (gates * units), or (2, 3 * units) for a GRU with resetAfter; a Bidirectional holds
      // its forward layer's, then its backward layer's
      int width = Math.multiplyExact(r.cell().gates(), r.units());
      w.add(new Weight("kernel", new int[] {cin, width}));
      w.add(new Weight("recurrent_kernel", new int[] {r.units(), width}));
      if (r.useBias()) {
        w.add(new Weight("bias", r.resetAfter() ? new int[] {2, width} : new int[] {width}));
      }
    } else if (spec instanceof Bidirectional b) {
      w.addAll(of(b.layer(), cin));
      w.addAll(of(b.backwardLayer(), cin));
    // weighted layers: PReLU, Embedding, LayerNormalization, Conv1D/2D/3DTranspose (PReLU and
    // LayerNormalization as on an input of shape (cin,); of(spec, inputs) gives their real shapes)
    } else if (spec instanceof PReLU) {
      w.add(new Weight("alpha", new int[] {cin}));
    } else if (spec instanceof Embedding e) {
      w.add(new Weight("embeddings", new int[] {e.inputDim(), e.outputDim()}));
    } else if (spec instanceof LayerNormalization ln) {
      w.addAll(layerNormalization(ln, new int[] {cin}));
    } else if (spec instanceof ConvTranspose c) {
      int[] k = new int[c.rank() + 2];
      for (int i = 0; i < c.rank(); i++) {
        k[i] = c.kernelSize().get(i);
      }
      k[c.rank()] = c.filters();
      k[c.rank() + 1] = cin;
      w.add(new Weight("kernel", k));
      if (c.useBias()) {
        w.add(new Weight("bias", new int[] {c.filters()}));
      }
    }
    return List.copyOf(w);
  }

  /** LayerNormalization's gamma (with scale) then beta (with center), of {@code shape}. */
  private static List<Weight> layerNormalization(LayerNormalization ln, int[] shape) {
    List<Weight> w = new ArrayList<>();
    if (ln.scale()) {
      w.add(new Weight("gamma", shape));
    }
    if (ln.center()) {
      w.add(new Weight("beta", shape));
    }
    return List.copyOf(w);
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
    if (spec instanceof BatchNormalization) {
      return firstLength > 0 ? firstLength : -1;
    }
    return per > 0 && firstLength > 0 && firstLength % per == 0 ? firstLength / per : -1;
  }

  /**
   * {@return the shapes as text with {@code cin} for the input size: {@code [kernel (cin, 128),
   * bias (128)]}}
   *
   * @param spec the layer spec
   */
  public static String symbolic(LayerSpec spec) {
    // Use an unlikely sentinel size to locate the input axis in each shape.
    int sentinel = 1_000_003;
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
