package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class FlattenTest {

  @Test
  void typeNameAndDescribe() {
    assertThat(Flatten.of().type()).isEqualTo("Flatten");
    assertThat(Flatten.of().namePrefix()).isEqualTo("flatten");
    assertThat(Flatten.of().describe()).isEqualTo("flatten");
  }

  @Test
  void outputShape_isTheElementCount() {
    assertThat(Apply.outputShape(Flatten.of(), Shape.of(22, 22, 2))).isEqualTo(Shape.of(968));
    assertThat(Apply.outputShape(Flatten.of(), Shape.of(5))).isEqualTo(Shape.of(5));
  }

  @Test
  void outputShape_withUndefinedDimension_isUndefined() {
    assertThat(Apply.outputShape(Flatten.of(), Shape.of(NONE, 22, 2))).isEqualTo(Shape.of(NONE));
  }

  @Test
  void stats_areNone_inBothAccountings() {
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(Flatten.of(), accounting, Shape.of(22, 22, 2)))
          .hasValue(LayerStats.NONE);
    }
    assertThat(Apply.params(Flatten.of(), Shape.of(22, 22, 2))).isEqualTo(ParamCount.ZERO);
  }

  @Test
  void moreElementsThanADimensionHolds_isNnOverflow() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(Flatten.of(), Shape.of(65536, 65536)));

    assertThat(e.error()).isEqualTo(ShapeError.OVERFLOW);
    assertThat(e.inputShapes()).containsExactly(Shape.of(65536, 65536));
  }

  @Test
  void moreElementsThanADimensionHolds_messageNamesTheDimensionLimit() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(Flatten.of(), Shape.of(65536, 65536)));

    assertThat(e).hasMessageThat().doesNotContain("64-bit");
    assertThat(e).hasMessageThat().contains("4294967296");
  }
}
