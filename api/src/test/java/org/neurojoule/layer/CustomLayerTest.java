package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class CustomLayerTest {

  /** A user's layer: sums one to three inputs of equal shape. */
  private static final class SumOfUpToThree implements CustomLayer {
    @Override
    public String type() {
      return "SumOfUpToThree";
    }

    @Override
    public int maxInputs() {
      return 3;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
      return inputs.get(0);
    }
  }

  @Test
  void defaults_noName_noStatsRule_describedBySnakeCase() {
    CustomLayer layer = new SumOfUpToThree();

    assertThat(layer.name()).isEmpty();
    assertThat(layer.namePrefix()).isEqualTo("sum_of_up_to_three");
    assertThat(layer.describe()).isEqualTo("sum_of_up_to_three");
    assertThat(Layers.statsType(layer)).isEqualTo("SumOfUpToThree");
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(layer, accounting, Shape.of(4))).isEmpty();
    }
    assertThat(Apply.params(layer, Shape.of(4))).isEqualTo(ParamCount.ZERO);
  }

  @Test
  void inputCountRange_isNamedInTheError() {
    Shape s = Shape.of(4);

    assertThat(Apply.outputShape(new SumOfUpToThree(), s, s, s)).isEqualTo(s);
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(2, "sum", new SumOfUpToThree(), List.of(s, s, s, s)));
    assertThat(e.error()).isEqualTo(ShapeError.INPUT_COUNT);
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnInputCount] layer 2 'sum' sum_of_up_to_three: takes 1 to 3 input(s),"
                + " got 4 ["
                + s
                + ", "
                + s
                + ", "
                + s
                + ", "
                + s
                + "]");
  }
}
