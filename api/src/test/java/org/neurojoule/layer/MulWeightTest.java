package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/** MulWeight: the input times a stored tensor, broadcast as AddWeight's is. */
class MulWeightTest {

  @Test
  void broadcastsOverTheLeadingAxes_andCountsItsValues() {
    // A per-channel factor (1, 1, 64) on (8, 8, 64); a layer scale (768,) on tokens.
    assertThat(Apply.outputShape(MulWeight.of(1, 1, 64), Shape.of(8, 8, 64)))
        .isEqualTo(Shape.of(8, 8, 64));
    assertThat(Apply.params(MulWeight.of(1, 1, 64), Shape.of(8, 8, 64)))
        .isEqualTo(ParamCount.trainable(64));
    assertThat(Apply.params(MulWeight.of(768), Shape.of(197, 768)))
        .isEqualTo(ParamCount.trainable(768));
    assertThat(Apply.stats(MulWeight.of(768), Accounting.COMPLETE, Shape.of(197, 768)))
        .hasValue(LayerStats.NONE);
    assertThat(Apply.stats(MulWeight.of(768), Accounting.KERAS_SPIKING, Shape.of(197, 768)))
        .isEmpty();
    // Ones, so that default weights keep the input.
    assertThat(MulWeight.of(2, 3).weights(List.of(Shape.of(2, 3))))
        .containsExactly(WeightShapes.Weight.ones("weight", 2, 3));
    assertThat(MulWeight.of(4).type()).isEqualTo("MulWeight");
    assertThat(MulWeight.of(4).namePrefix()).isEqualTo("mul_weight");
    assertThat(MulWeight.of(3, 4).name("gamma").describe()).isEqualTo("mulWeight(3x4)");
  }

  @Test
  void aTensorThatDoesNotBroadcast_namesBothShapes() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(MulWeight.of(5), Shape.of(4, 768)));
    assertThat(e)
        .hasMessageThat()
        .contains("a stored tensor of (5,) does not broadcast to the input (None, 4, 768)");
    var empty = assertThrows(ShapeException.class, () -> MulWeight.of(0));
    assertThat(empty).hasMessageThat().contains("MulWeight: the stored tensor's shape [0]");
  }
}
