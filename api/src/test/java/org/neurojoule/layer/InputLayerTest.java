package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class InputLayerTest {
  private static final Shape MNIST = Shape.of(28, 28, 1);

  @Test
  void typeNameAndDescribe() {
    InputLayer in = InputLayer.of(MNIST);

    assertThat(in.type()).isEqualTo("InputLayer");
    assertThat(in.namePrefix()).isEqualTo("input");
    assertThat(InputLayer.NAME_PREFIX).isEqualTo("input");
    assertThat(in.describe()).isEqualTo("input 28x28x1");
    assertThat(in.name("pixels").name()).hasValue("pixels");
  }

  @Test
  void takesNoInputs_andOutputsItsShape() {
    InputLayer in = InputLayer.of(Shape.of(NONE, 28));

    assertThat(in.minInputs()).isEqualTo(0);
    assertThat(in.maxInputs()).isEqualTo(0);
    assertThat(Layers.outputShape(0, "input_1", in, List.of())).isEqualTo(Shape.of(NONE, 28));
    assertThat(Layers.params(0, "input_1", in, List.of())).isEqualTo(ParamCount.ZERO);
    for (Accounting accounting : Accounting.values()) {
      assertThat(Layers.stats(0, "input_1", in, List.of(), in.shape(), accounting))
          .hasValue(LayerStats.NONE);
    }
  }

  @Test
  void givenAnInput_isNnInputCount() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(0, "input_1", InputLayer.of(MNIST), List.of(MNIST)));

    assertThat(e.error()).isEqualTo(ShapeError.INPUT_COUNT);
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnInputCount] layer 0 'input_1' input 28x28x1: takes 0 input(s), got 1"
                + " [28x28x1]");
  }

  @Test
  void nullShape_isRejected() {
    var e = assertThrows(NullPointerException.class, () -> InputLayer.of(null));
    assertThat(e).hasMessageThat().isEqualTo("shape == null");
  }
}
