package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Permute}: reorders the axes of each example. {@code dims} is a permutation of
 * {@code 1 .. rank} in Keras' numbering (the batch, axis 0, stays put): output axis {@code i} is
 * input axis {@code dims[i]}, so {@code (2, 1)} swaps the two axes of a matrix.
 *
 * <p>No parameters. It moves data: connections and neurons are 0 under {@link Accounting#COMPLETE};
 * the reference has no rule for it (0 with a warning under {@link Accounting#KERAS_SPIKING}).
 *
 * @param dims the input axis of each output axis, from 1
 * @param name the name the user gave, or empty for an automatic one
 */
public record Permute(List<Integer> dims, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param dims the input axis of each output axis, from 1
   * @param name the name the user gave, or empty for an automatic one
   */
  public Permute {
    Checks.notNull(dims, "dims");
    dims = List.copyOf(dims);
    boolean[] seen = new boolean[dims.size() + 1];
    for (int d : dims) {
      if (d < 1 || d > dims.size() || seen[d]) {
        throw ShapeException.invalid(
            "dims must be a permutation of 1.."
                + dims.size()
                + " (the batch axis 0 cannot move), was "
                + dims);
      }
      seen[d] = true;
    }
    if (dims.isEmpty()) {
      throw ShapeException.invalid("dims must name at least one axis");
    }
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code Permute}}
   *
   * @param dims the input axis of each output axis, from 1
   */
  public static Permute of(int... dims) {
    return new Permute(java.util.Arrays.stream(dims).boxed().toList(), Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Permute name(String name) {
    return new Permute(dims, Optional.of(name));
  }

  @Override
  public String type() {
    return "Permute";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (in.rank() != dims.size()) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "permute dims "
              + dims
              + " need an input of rank "
              + dims.size()
              + ", but the input is "
              + in
              + " (rank "
              + in.rank()
              + ")");
    }
    int[] out = new int[dims.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = in.get(dims.get(i) - 1);
    }
    return Shape.of(out);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING ? Optional.empty() : Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "permute" + dims;
  }
}
