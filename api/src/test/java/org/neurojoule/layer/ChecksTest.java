package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/** The temporal rule and the per-axis argument rule that every layer relies on. */
class ChecksTest {

  private static long units(Shape s) {
    return Checks.unitsPerStep(s, List.of(s), "output");
  }

  @Test
  void unitsPerStep_nonTemporal_isTheElementCount() {
    assertThat(units(Shape.of(28, 28))).isEqualTo(784);
    assertThat(units(Shape.of(22, 22, 2))).isEqualTo(968);
  }

  @Test
  void unitsPerStep_leadingUndefined_isTime_andExcluded() {
    assertThat(units(Shape.of(NONE, 28))).isEqualTo(28);
    assertThat(units(Shape.of(NONE, 22, 22, 2))).isEqualTo(968);
    // Only the time axis: one unit per step.
    assertThat(units(Shape.of(NONE))).isEqualTo(1);
  }

  @Test
  void unitsPerStep_undefinedElsewhere_isNnUndefinedDimension() {
    for (Shape s : List.of(Shape.of(28, NONE), Shape.of(NONE, NONE, 4), Shape.of(4, NONE, 4))) {
      var e = assertThrows(ShapeException.class, () -> units(s));
      assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
      assertThat(e).hasMessageThat().contains(s.toKerasString());
    }
  }

  @Test
  void perAxis_oneValue_appliesToEveryAxis() {
    assertThat(Checks.perAxis("strides", 3, 2)).containsExactly(2, 2, 2).inOrder();
    assertThat(Checks.perAxis("strides", 2, 2, 1)).containsExactly(2, 1).inOrder();
  }

  @Test
  void perAxis_otherCounts_areRejected() {
    Apply.assertInvalid(
        () -> Checks.perAxis("kernelSize", 2), "kernelSize takes 1 or 2 values, got 0");
    Apply.assertInvalid(
        () -> Checks.perAxis("kernelSize", 2, 1, 2, 3), "kernelSize takes 1 or 2 values, got 3");
  }

  @Test
  void product_isExact_orThrows() {
    assertThat(Checks.product(List.of(7, 7))).isEqualTo(49);
    assertThat(Checks.product(List.of(65536, 65536))).isEqualTo(4_294_967_296L);
    int max = Integer.MAX_VALUE;
    assertThrows(ArithmeticException.class, () -> Checks.product(List.of(max, max, max)));
  }
}
