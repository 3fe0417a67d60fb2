package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Test shorthand: a spec applied through {@link Layers}, as the builder and the processor apply it,
 * at layer 1 named {@code "layer"}.
 */
final class Apply {
  static final int INDEX = 1;
  static final String NAME = "layer";

  private Apply() {}

  static Shape outputShape(LayerSpec spec, Shape... inputs) {
    return Layers.outputShape(INDEX, NAME, spec, List.of(inputs));
  }

  static ParamCount params(LayerSpec spec, Shape... inputs) {
    return Layers.params(INDEX, NAME, spec, List.of(inputs));
  }

  /** The statistics on the output shape that the spec itself infers. */
  static Optional<LayerStats> stats(LayerSpec spec, Accounting accounting, Shape... inputs) {
    Shape output = outputShape(spec, inputs);
    return Layers.stats(INDEX, NAME, spec, List.of(inputs), output, accounting);
  }

  /** Asserts that a declaration fails with {@code [NnInvalidArgument] detail}, on no layer yet. */
  static ShapeException assertInvalid(Executable declaration, String detail) {
    var e = assertThrows(ShapeException.class, declaration);
    assertThat(e).hasMessageThat().isEqualTo("[NnInvalidArgument] " + detail);
    assertThat(e.error()).isEqualTo(ShapeError.INVALID_ARGUMENT);
    assertThat(e.layerIndex()).isEmpty();
    assertThat(e.inputShapes()).isEmpty();
    return e;
  }
}
