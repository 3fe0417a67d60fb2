package org.neurojoule.shape;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeExceptionTest {

  @Test
  void of_unplaced_messageIsCodeThenDetail() {
    ShapeException e =
        ShapeException.of(ShapeError.POOL_TOO_LARGE, List.of(Shape.of(2, 2, 1)), "too small");

    assertThat(e).hasMessageThat().isEqualTo("[NnPoolTooLarge] too small");
    assertThat(e.error()).isEqualTo(ShapeError.POOL_TOO_LARGE);
    assertThat(e.code()).isEqualTo("NnPoolTooLarge");
    assertThat(e.detail()).isEqualTo("too small");
    assertThat(e.inputShapes()).containsExactly(Shape.of(2, 2, 1));
    assertThat(e.layerIndex()).isEmpty();
    assertThat(e.layerName()).isEmpty();
    assertThat(e.layerDescription()).isEmpty();
  }

  @Test
  void invalid_isAnArgumentErrorWithoutInputs() {
    ShapeException e = ShapeException.invalid("filters must be > 0, was 0");

    assertThat(e).hasMessageThat().isEqualTo("[NnInvalidArgument] filters must be > 0, was 0");
    assertThat(e.error()).isEqualTo(ShapeError.INVALID_ARGUMENT);
    assertThat(e.inputShapes()).isEmpty();
    assertThat(e.layerIndex()).isEmpty();
  }

  @Test
  void inLayer_namesIndexNameAndDescription_keepsCodeDetailAndShapes() {
    ShapeException raw =
        ShapeException.of(ShapeError.WRONG_RANK, List.of(Shape.of(28, 28)), "needs rank 3");

    ShapeException placed = raw.inLayer(3, "conv2d_1", "conv2d(2, 7x7)");

    assertThat(placed)
        .hasMessageThat()
        .isEqualTo("[NnWrongRank] layer 3 'conv2d_1' conv2d(2, 7x7): needs rank 3");
    assertThat(placed.code()).isEqualTo("NnWrongRank");
    assertThat(placed.detail()).isEqualTo("needs rank 3");
    assertThat(placed.layerIndex()).hasValue(3);
    assertThat(placed.layerName()).hasValue("conv2d_1");
    assertThat(placed.layerDescription()).hasValue("conv2d(2, 7x7)");
    assertThat(placed.inputShapes()).containsExactly(Shape.of(28, 28));
    // The original is a value too: placing it makes a copy.
    assertThat(raw.layerName()).isEmpty();
  }

  @Test
  void inLayer_keepsTheStackTraceOfTheOriginal() {
    ShapeException raw = ShapeException.invalid("x");

    ShapeException placed = raw.inLayer(0, "input_1", "input 1");

    assertThat(placed.getStackTrace()).isEqualTo(raw.getStackTrace());
  }

  @Test
  void inLayer_layerZero_isPresent() {
    assertThat(ShapeException.invalid("x").inLayer(0, "input_1", "input 1").layerIndex())
        .hasValue(0);
  }

  @Test
  void isAnIllegalArgumentException() {
    assertThat(ShapeException.invalid("x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inputShapes_areCopied_andUnmodifiable() {
    List<Shape> shapes = new java.util.ArrayList<>(List.of(Shape.of(4)));
    ShapeException e = ShapeException.of(ShapeError.ADD_SHAPE_MISMATCH, shapes, "x");
    shapes.add(Shape.of(5));

    assertThat(e.inputShapes()).containsExactly(Shape.of(4));
    assertThrows(UnsupportedOperationException.class, () -> e.inputShapes().add(Shape.of(6)));
  }

  @Test
  void nulls_areRejectedWithTheirName() {
    var noError =
        assertThrows(NullPointerException.class, () -> ShapeException.of(null, List.of(), "x"));
    assertThat(noError).hasMessageThat().isEqualTo("error == null");
    var noDetail =
        assertThrows(
            NullPointerException.class,
            () -> ShapeException.of(ShapeError.OVERFLOW, List.of(), null));
    assertThat(noDetail).hasMessageThat().isEqualTo("detail == null");
    var noName =
        assertThrows(
            NullPointerException.class, () -> ShapeException.invalid("x").inLayer(1, null, "d"));
    assertThat(noName).hasMessageThat().isEqualTo("name == null");
    var noDescription =
        assertThrows(
            NullPointerException.class, () -> ShapeException.invalid("x").inLayer(1, "n", null));
    assertThat(noDescription).hasMessageThat().isEqualTo("description == null");
  }
}
