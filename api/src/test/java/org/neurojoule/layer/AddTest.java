package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class AddTest {

  @Test
  void typeNameAndInputs() {
    assertThat(Add.of().type()).isEqualTo("Add");
    assertThat(Add.of().namePrefix()).isEqualTo("add");
    assertThat(Add.of().minInputs()).isEqualTo(2);
    assertThat(Add.of().maxInputs()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void sameShapes_giveThatShape() {
    Shape s = Shape.of(22, 22, 2);

    assertThat(Apply.outputShape(Add.of(), s, s)).isEqualTo(s);
    assertThat(Apply.outputShape(Add.of(), s, s, s)).isEqualTo(s);
    assertThat(Apply.outputShape(Add.of(), Shape.of(NONE, 4), Shape.of(NONE, 4)))
        .isEqualTo(Shape.of(NONE, 4));
  }

  @Test
  void stats_areNone_andNoParams() {
    Shape s = Shape.of(4);

    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(Add.of(), accounting, s, s)).hasValue(LayerStats.NONE);
    }
    assertThat(Apply.params(Add.of(), s, s)).isEqualTo(ParamCount.ZERO);
  }

  @Test
  void differentShapes_areNnAddShapeMismatch_namingTheOddOne() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(Add.of(), Shape.of(4), Shape.of(4), Shape.of(4, 1)));

    assertThat(e.error()).isEqualTo(ShapeError.ADD_SHAPE_MISMATCH);
    assertThat(e).hasMessageThat().contains("[4, 4, 4x1]; input 2 is 4x1 but input 0 is 4");
  }

  @Test
  void oneInput_isNnInputCount() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(3, "add", Add.of(), List.of(Shape.of(4))));

    assertThat(e.error()).isEqualTo(ShapeError.INPUT_COUNT);
  }
}
