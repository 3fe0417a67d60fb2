package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class ReshapeTest {
  private static final Shape IN = Shape.of(22, 22, 2);

  @Test
  void typeNameAndDescribe() {
    assertThat(Reshape.of(4, -1).type()).isEqualTo("Reshape");
    assertThat(Reshape.of(4, -1).namePrefix()).isEqualTo("reshape");
    assertThat(Reshape.of(4, -1).describe()).isEqualTo("reshape(4x-1)");
    assertThat(Reshape.of(4, -1).targetShape()).containsExactly(4, Reshape.INFER).inOrder();
  }

  @Test
  void outputShape_sameElementCount() {
    assertThat(Apply.outputShape(Reshape.of(44, 22), IN)).isEqualTo(Shape.of(44, 22));
    assertThat(Apply.outputShape(Reshape.of(968), IN)).isEqualTo(Shape.of(968));
  }

  @Test
  void outputShape_infersOneDimension() {
    assertThat(Apply.outputShape(Reshape.of(-1), IN)).isEqualTo(Shape.of(968));
    assertThat(Apply.outputShape(Reshape.of(4, -1), Shape.of(8, 3))).isEqualTo(Shape.of(4, 6));
    assertThat(Apply.outputShape(Reshape.of(2, -1, 11), IN)).isEqualTo(Shape.of(2, 44, 11));
  }

  @Test
  void outputShape_undefinedInput_leavesTheInferredDimensionUndefined() {
    assertThat(Apply.outputShape(Reshape.of(-1, 4), Shape.of(NONE, 8)))
        .isEqualTo(Shape.of(NONE, 4));
    assertThat(Apply.outputShape(Reshape.of(2, 4), Shape.of(NONE, 8))).isEqualTo(Shape.of(2, 4));
  }

  @Test
  void countMismatch_isNnReshapeMismatch() {
    var e = assertThrows(ShapeException.class, () -> Apply.outputShape(Reshape.of(10, 10), IN));

    assertThat(e.error()).isEqualTo(ShapeError.RESHAPE_MISMATCH);
    assertThat(e.inputShapes()).containsExactly(IN);
    assertThat(e).hasMessageThat().contains("968 elements");
    assertThat(e).hasMessageThat().contains("100 elements");
  }

  @Test
  void inferredNotAMultiple_isNnReshapeMismatch() {
    var e = assertThrows(ShapeException.class, () -> Apply.outputShape(Reshape.of(-1, 5), IN));

    assertThat(e.error()).isEqualTo(ShapeError.RESHAPE_MISMATCH);
    assertThat(e).hasMessageThat().endsWith("968 is not a multiple of 5");
  }

  @Test
  void twoInferredDimensions_areRejected() {
    Apply.assertInvalid(
        () -> Reshape.of(-1, -1), "targetShape may infer (-1) only one dimension: [-1, -1]");
  }

  @Test
  void zeroOrNegativeEntries_areRejected() {
    Apply.assertInvalid(
        () -> Reshape.of(4, 0),
        "targetShape entries must be > 0 or -1 (inferred), was 0 in [4, 0]");
    Apply.assertInvalid(
        () -> Reshape.of(-2), "targetShape entries must be > 0 or -1 (inferred), was -2 in [-2]");
    Apply.assertInvalid(Reshape::of, "targetShape must have at least one dimension");
  }

  @Test
  void hugeTargetShape_isNnOverflow() {
    int max = Integer.MAX_VALUE;

    // The product of the target entries, (2^31 - 1)^3, overflows a long.
    var e =
        assertThrows(ShapeException.class, () -> Apply.outputShape(Reshape.of(max, max, max), IN));

    assertThat(e.error()).isEqualTo(ShapeError.OVERFLOW);
  }

  @Test
  void inferredDimensionBeyondAnInt_isNnOverflowWithTheFigures() {
    // 3 x 1,500,000,000 x 8 elements to (6, -1): the inferred axis would be 6,000,000,000.
    var e =
        assertThrows(
            ShapeException.class,
            () -> Reshape.of(6, -1).outputShape(List.of(Shape.of(3, 1_500_000_000, 8))));

    assertThat(e.error()).isEqualTo(ShapeError.OVERFLOW);
    assertThat(e.detail())
        .isEqualTo(
            "cannot reshape input 3x1500000000x8 (36000000000 elements)"
                + " to 6x-1: the inferred dimension would be 6000000000, more than a dimension holds"
                + " (at most 2147483647)");
  }

  @Test
  void stats_areNone() {
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(Reshape.of(-1), accounting, IN)).hasValue(LayerStats.NONE);
    }
  }

  @Test
  void targetShape_isCopied() {
    var target = new ArrayList<>(List.of(4, 2));
    Reshape r = new Reshape(target, Optional.empty());
    target.add(1);

    assertThat(r.targetShape()).containsExactly(4, 2).inOrder();
  }
}
