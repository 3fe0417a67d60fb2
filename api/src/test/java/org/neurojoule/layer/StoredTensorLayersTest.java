package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/** AddWeight and ConcatWeight: layers whose parameters are a stored tensor. */
class StoredTensorLayersTest {

  @Test
  void addWeight_broadcastsOverTheLeadingAxes_andCountsItsValues() {
    // A MatMul's bias (2304,) on (197, 2304); ViT's position embedding (197, 768).
    assertThat(Apply.outputShape(AddWeight.of(2304), Shape.of(197, 2304)))
        .isEqualTo(Shape.of(197, 2304));
    assertThat(Apply.params(AddWeight.of(197, 768), Shape.of(197, 768)))
        .isEqualTo(ParamCount.trainable(151_296));
    assertThat(Apply.params(AddWeight.of(1, 768), Shape.of(197, 768)))
        .isEqualTo(ParamCount.trainable(768));
    assertThat(Apply.stats(AddWeight.of(768), Accounting.COMPLETE, Shape.of(197, 768)))
        .hasValue(LayerStats.NONE);
    assertThat(Apply.stats(AddWeight.of(768), Accounting.KERAS_SPIKING, Shape.of(197, 768)))
        .isEmpty();
    assertThat(AddWeight.of(197, 768).weights(List.of(Shape.of(197, 768))))
        .containsExactly(WeightShapes.Weight.zeros("weight", 197, 768));
    assertThat(AddWeight.of(4).type()).isEqualTo("AddWeight");
    assertThat(AddWeight.of(4).namePrefix()).isEqualTo("add_weight");
    assertThat(AddWeight.of(3, 4).describe()).isEqualTo("addWeight(3x4)");
  }

  @Test
  void addWeight_thatDoesNotBroadcast_namesBothShapes() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(AddWeight.of(5), Shape.of(197, 768)));
    assertThat(e.error()).isEqualTo(ShapeError.INVALID_ARGUMENT);
    assertThat(e)
        .hasMessageThat()
        .contains(
            "a stored tensor of (5,) does not broadcast to the"
                + " input (None, 197, 768) (its sizes, aligned to the last axes, must be equal or 1)");
    var wide =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(AddWeight.of(2, 3, 4), Shape.of(3, 4)));
    assertThat(wide).hasMessageThat().contains("a stored tensor of (2, 3, 4) does not broadcast");
  }

  @Test
  void storedShapes_mustBeNonEmptyAndPositive() {
    var e = assertThrows(ShapeException.class, () -> AddWeight.of(3, 0));
    assertThat(e)
        .hasMessageThat()
        .contains(
            "AddWeight: the stored tensor's shape [3, 0] must"
                + " have at least one axis, each of size 1 or more");
    var none = assertThrows(ShapeException.class, () -> AddWeight.of());
    assertThat(none).hasMessageThat().contains("AddWeight: the stored tensor's shape []");
    var axis = assertThrows(ShapeException.class, () -> ConcatWeight.of(2, 1, 768));
    assertThat(axis)
        .hasMessageThat()
        .contains("ConcatWeight: axis 2 is not an axis of the" + " stored shape [1, 768]");
  }

  @Test
  void concatWeight_prependsAlongItsAxis_andCountsItsValues() {
    // ViT's class token (1, 768) before the 196 patches.
    assertThat(Apply.outputShape(ConcatWeight.of(0, 1, 768), Shape.of(196, 768)))
        .isEqualTo(Shape.of(197, 768));
    assertThat(Apply.params(ConcatWeight.of(0, 1, 768), Shape.of(196, 768)))
        .isEqualTo(ParamCount.trainable(768));
    assertThat(Apply.stats(ConcatWeight.of(0, 1, 768), Accounting.COMPLETE, Shape.of(196, 768)))
        .hasValue(LayerStats.NONE);
    assertThat(
            Apply.stats(ConcatWeight.of(0, 1, 768), Accounting.KERAS_SPIKING, Shape.of(196, 768)))
        .isEmpty();
    assertThat(ConcatWeight.of(1, 4, 2).describe()).isEqualTo("concatWeight(axis 2, 4x2)");
  }

  @Test
  void concatWeight_ofAnotherWidth_namesBothShapes() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(ConcatWeight.of(0, 1, 512), Shape.of(196, 768)));
    assertThat(e)
        .hasMessageThat()
        .contains(
            "a stored tensor of (1, 512) cannot join the input"
                + " (None, 196, 768) along axis 1 (the other sizes must be equal, that axis defined)");
  }
}
