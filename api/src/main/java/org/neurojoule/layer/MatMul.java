package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * The product of two activations, as attention's {@code Q Kᵀ} and {@code softmax · V}: inputs
 * {@code (..., M, K)} and {@code (..., K, N)} give {@code (..., M, N)}; the leading axes are batch
 * axes, equal or 1 (broadcast), as numpy's {@code matmul} has them. No parameters.
 *
 * <p>Statistics under {@link Accounting#COMPLETE}: connections = the multiply-adds it performs,
 * {@code M * K * N} per batch entry (the output size per timestep times {@code K}); no neurons,
 * spiking. The reference has no rule for it: {@link Accounting#KERAS_SPIKING} counts 0 with its
 * warning.
 *
 * @param name the name the user gave, or empty for an automatic one
 */
public record MatMul(Optional<String> name) implements LayerSpec {

  /**
   * Checks every component.
   *
   * @param name the name the user gave, or empty for an automatic one
   */
  public MatMul {
    name = Checks.name(name);
  }

  /** {@return a matrix product of two inputs} */
  public static MatMul of() {
    return new MatMul(Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public MatMul name(String name) {
    return new MatMul(Optional.of(name));
  }

  @Override
  public String type() {
    return "MatMul";
  }

  @Override
  public int minInputs() {
    return 2;
  }

  @Override
  public int maxInputs() {
    return 2;
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape a = inputs.get(0);
    Shape b = inputs.get(1);
    if (a.rank() < 2 || b.rank() < 2) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "matMul needs two inputs of at"
              + " least 2 axes (..., M, K) and (..., K, N), got "
              + Layers.listShapes(inputs));
    }
    int k = a.get(a.rank() - 1);
    if (k != b.get(b.rank() - 2) || k == Shape.NONE) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "matMul of "
              + Layers.listShapes(inputs)
              + ": the last axis of the first ("
              + k
              + ") must equal"
              + " the second-to-last of the second ("
              + b.get(b.rank() - 2)
              + ")");
    }
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank - 2; i++) {
      int da = dim(a, i, rank);
      int db = dim(b, i, rank);
      if (da != db && da != 1 && db != 1) {
        throw ShapeException.of(
            ShapeError.INVALID_ARGUMENT,
            inputs,
            "matMul of "
                + Layers.listShapes(inputs)
                + ": batch axis "
                + i
                + " is "
                + da
                + " and "
                + db
                + ", which neither equal nor broadcast");
      }
      out[i] = da == 1 ? db : da;
    }
    out[rank - 2] = a.get(a.rank() - 2);
    out[rank - 1] = b.get(b.rank() - 1);
    return Shape.of(out);
  }

  /** Axis {@code i} of {@code s} right-aligned to {@code rank} axes (1 where it has none). */
  private static int dim(Shape s, int i, int rank) {
    int j = i - (rank - s.rank());
    return j < 0 ? 1 : s.get(j);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.empty();
    }
    long size = Checks.unitsPerStep(output, inputs, "output");
    Shape a = inputs.get(0);
    // Layers turns an overflow here into an error naming the layer.
    return Optional.of(LayerStats.connections(Math.multiplyExact(size, a.get(a.rank() - 1))));
  }

  /** {@inheritDoc} The product of two activations has no weights: {@link LayerKind#OTHER}. */
  @Override
  public LayerKind layerKind() {
    return LayerKind.OTHER;
  }

  @Override
  public String describe() {
    return "matMul";
  }
}
