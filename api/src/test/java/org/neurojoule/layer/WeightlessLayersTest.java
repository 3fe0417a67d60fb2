package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/** Merges, Softmax, ELU, Permute, RepeatVector and Rescaling: shapes, counts and errors. */
class WeightlessLayersTest {

  @Test
  void merges_typesNamesAndInputCounts() {
    assertThat(Merge.multiply().type()).isEqualTo("Multiply");
    assertThat(Merge.subtract().namePrefix()).isEqualTo("subtract");
    assertThat(Merge.average().type()).isEqualTo("Average");
    assertThat(Merge.maximum().namePrefix()).isEqualTo("maximum");
    assertThat(Merge.minimum().describe()).isEqualTo("minimum");
    assertThat(Merge.multiply().maxInputs()).isEqualTo(Integer.MAX_VALUE);
    assertThat(Merge.subtract().maxInputs()).isEqualTo(2);

    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(Merge.subtract(), Shape.of(4), Shape.of(4), Shape.of(4)));
    assertThat(e.error()).isEqualTo(ShapeError.INPUT_COUNT);
    assertThat(e).hasMessageThat().contains("takes 2 input(s), got 3 [4, 4, 4]");
    assertThat(
            assertThrows(
                    ShapeException.class, () -> Apply.outputShape(Merge.multiply(), Shape.of(4)))
                .error())
        .isEqualTo(ShapeError.INPUT_COUNT);
  }

  @Test
  void merges_broadcastAsKeras() {
    assertThat(Apply.outputShape(Merge.multiply(), Shape.of(112, 112, 32), Shape.of(1, 1, 32)))
        .isEqualTo(Shape.of(112, 112, 32));
    assertThat(Apply.outputShape(Merge.maximum(), Shape.of(1, 5), Shape.of(3, 1)))
        .isEqualTo(Shape.of(3, 5));
    // A shorter shape lines up with the last axes; an undefined size stays undefined.
    assertThat(Apply.outputShape(Merge.average(), Shape.of(4), Shape.of(2, 3, 4), Shape.of(3, 1)))
        .isEqualTo(Shape.of(2, 3, 4));
    assertThat(Apply.outputShape(Merge.minimum(), Shape.of(NONE, 8), Shape.of(NONE, 8)))
        .isEqualTo(Shape.of(NONE, 8));
  }

  @Test
  void merges_mismatchNamesTheInputAndAxis() {
    var e =
        assertThrows(
            ShapeException.class,
            () ->
                Apply.outputShape(
                    Merge.multiply(), Shape.of(4, 3), Shape.of(4, 3), Shape.of(2, 3)));

    assertThat(e.error()).isEqualTo(ShapeError.ADD_SHAPE_MISMATCH);
    assertThat(e)
        .hasMessageThat()
        .contains(
            "cannot multiply inputs of shapes [4x3, 4x3, 2x3]:"
                + " input 2 is 2x3, which neither equals nor broadcasts against 4x3 (axis -2: 2 vs 4)");
    assertThat(e.layerIndex()).hasValue(Apply.INDEX);
  }

  @Test
  void merges_statistics() {
    Shape s = Shape.of(10, 4);
    assertThat(Apply.stats(Merge.multiply(), Accounting.COMPLETE, s, s, s))
        .hasValue(LayerStats.connections(80));
    assertThat(
            Apply.stats(
                Merge.multiply(), Accounting.COMPLETE, Shape.of(NONE, 6), Shape.of(NONE, 6)))
        .hasValue(LayerStats.connections(6));
    assertThat(Apply.stats(Merge.multiply(), Accounting.COMPLETE, Shape.of(5, 6), Shape.of(1, 6)))
        .hasValue(LayerStats.connections(30));
    for (Merge m : List.of(Merge.subtract(), Merge.average(), Merge.maximum(), Merge.minimum())) {
      assertThat(Apply.stats(m, Accounting.COMPLETE, s, s)).hasValue(LayerStats.NONE);
    }
    for (Merge m :
        List.of(
            Merge.multiply(),
            Merge.subtract(),
            Merge.average(),
            Merge.maximum(),
            Merge.minimum())) {
      assertThat(Apply.stats(m, Accounting.KERAS_SPIKING, s, s)).isEmpty();
      assertThat(Apply.params(m, s, s)).isEqualTo(ParamCount.ZERO);
    }
  }

  @Test
  void multiply_connectionsOverflowIsAnErrorNamingTheLayer() {
    Shape big = Shape.of(Integer.MAX_VALUE, Integer.MAX_VALUE, 4);
    Shape[] inputs = new Shape[4];
    java.util.Arrays.fill(inputs, big);

    var e =
        assertThrows(
            ShapeException.class, () -> Apply.stats(Merge.multiply(), Accounting.COMPLETE, inputs));
    assertThat(e.error()).isEqualTo(ShapeError.OVERFLOW);
    assertThat(e.layerName()).hasValue(Apply.NAME);
  }

  @Test
  void softmaxAndElu_countNeuronsUnderCompleteOnly() {
    Shape s = Shape.of(NONE, 10);
    for (LayerSpec spec : List.<LayerSpec>of(Softmax.of(), ELU.of().alpha(0.5))) {
      assertThat(Apply.outputShape(spec, s)).isEqualTo(s);
      assertThat(Apply.stats(spec, Accounting.COMPLETE, s)).hasValue(LayerStats.neuronsOnly(10));
      assertThat(Apply.stats(spec, Accounting.COMPLETE, s).orElseThrow().spiking()).isFalse();
      assertThat(Apply.stats(spec, Accounting.KERAS_SPIKING, s)).isEmpty();
    }
    assertThat(ELU.of().type()).isEqualTo("ELU");
    assertThat(ELU.of().namePrefix()).isEqualTo("elu");
    assertThat(ELU.of().alpha(0.5).describe()).isEqualTo("elu(0.5)");
    assertThat(Apply.outputShape(Softmax.of().axis(2), Shape.of(3, 4))).isEqualTo(Shape.of(3, 4));
  }

  @Test
  void softmaxAndElu_badArgumentsAreClearErrors() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(Softmax.of().axis(1), Shape.of(3, 4)));
    assertThat(e)
        .hasMessageThat()
        .contains(
            "softmax over axis 1 of (None, 3, 4) is not"
                + " supported; NeuroJoule normalizes the last axis only (-1)");
    Apply.assertInvalid(
        () -> Softmax.of().axis(0), "softmax axis 0 is the batch; use -1 (the last axis)");
    Apply.assertInvalid(
        () -> ELU.of().alpha(-1),
        "alpha must be a number >= 0 within float32's" + " range (at most 3.4028235E38), was -1.0");
  }

  @Test
  void permute_reordersAxes() {
    assertThat(Apply.outputShape(Permute.of(2, 1), Shape.of(3, 5))).isEqualTo(Shape.of(5, 3));
    assertThat(Apply.outputShape(Permute.of(3, 1, 2), Shape.of(NONE, 4, 6)))
        .isEqualTo(Shape.of(6, NONE, 4));
    assertThat(Permute.of(2, 1).describe()).isEqualTo("permute[2, 1]");
    assertThat(Apply.stats(Permute.of(2, 1), Accounting.COMPLETE, Shape.of(3, 5)))
        .hasValue(LayerStats.NONE);
    assertThat(Apply.stats(Permute.of(2, 1), Accounting.KERAS_SPIKING, Shape.of(3, 5))).isEmpty();
  }

  @Test
  void permute_badDimsAreClearErrors() {
    Apply.assertInvalid(
        () -> Permute.of(1, 1),
        "dims must be a permutation of 1..2 (the batch axis 0 cannot move), was [1, 1]");
    Apply.assertInvalid(
        () -> Permute.of(0, 1),
        "dims must be a permutation of 1..2 (the batch axis 0 cannot move), was [0, 1]");
    Apply.assertInvalid(Permute::of, "dims must name at least one axis");
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(Permute.of(2, 1), Shape.of(3, 5, 2)));
    assertThat(e.error()).isEqualTo(ShapeError.WRONG_RANK);
    assertThat(e)
        .hasMessageThat()
        .contains(
            "permute dims [2, 1] need an input of rank 2, but the" + " input is 3x5x2 (rank 3)");
  }

  @Test
  void repeatVector_givesStepsOfFeatures() {
    assertThat(Apply.outputShape(RepeatVector.of(400), Shape.of(128)))
        .isEqualTo(Shape.of(400, 128));
    assertThat(RepeatVector.of(3).namePrefix()).isEqualTo("repeat_vector");
    assertThat(Apply.stats(RepeatVector.of(3), Accounting.COMPLETE, Shape.of(8)))
        .hasValue(LayerStats.NONE);
    assertThat(Apply.stats(RepeatVector.of(3), Accounting.KERAS_SPIKING, Shape.of(8))).isEmpty();
    Apply.assertInvalid(() -> RepeatVector.of(0), "n must be > 0, was 0");
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(RepeatVector.of(2), Shape.of(3, 4)));
    assertThat(e)
        .hasMessageThat()
        .contains("needs an input of rank 1 (features), but the input" + " is 3x4 (rank 2)");
  }

  @Test
  void channelSlice_keepsItsChannelsAndCountsNothing() {
    assertThat(Apply.outputShape(ChannelSlice.of(58, 116), Shape.of(28, 28, 116)))
        .isEqualTo(Shape.of(28, 28, 58));
    assertThat(Apply.outputShape(ChannelSlice.of(0, 3), Shape.of(10))).isEqualTo(Shape.of(3));
    assertThat(ChannelSlice.of(0, 3).namePrefix()).isEqualTo("channel_slice");
    assertThat(Apply.stats(ChannelSlice.of(0, 2), Accounting.COMPLETE, Shape.of(4, 4)))
        .hasValue(LayerStats.NONE);
    assertThat(Apply.stats(ChannelSlice.of(0, 2), Accounting.KERAS_SPIKING, Shape.of(4, 4)))
        .isEmpty();
    var bad = assertThrows(IllegalArgumentException.class, () -> ChannelSlice.of(3, 3));
    assertThat(bad)
        .hasMessageThat()
        .isEqualTo("channels [3, 3) must be a non-empty range from 0" + " up");
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(ChannelSlice.of(2, 9), Shape.of(5, 8)));
    assertThat(e)
        .hasMessageThat()
        .contains("channels [2, 9) do not fit the input 5x8 (8" + " channels)");
  }

  @Test
  void rescaling_keepsShapeAndCountsNothing() {
    Shape s = Shape.of(4, 4, 3);
    assertThat(Apply.outputShape(Rescaling.of(1 / 255.0).offset(-1), s)).isEqualTo(s);
    assertThat(Apply.stats(Rescaling.of(2), Accounting.COMPLETE, s)).hasValue(LayerStats.NONE);
    assertThat(Apply.stats(Rescaling.of(2), Accounting.KERAS_SPIKING, s)).isEmpty();
    assertThat(Rescaling.of(2).offset(1).describe()).isEqualTo("rescaling(2.0, offset 1.0)");
    Apply.assertInvalid(
        () -> Rescaling.of(Double.NaN),
        "scale must be a finite number within"
            + " float32's range (at most 3.4028235E38 in magnitude), was NaN");
  }

  @Test
  void layerTypes_bindKerasStyleValues() {
    assertThat(LayerType.named("Multiply").orElseThrow().bind(Map.of("name", "excite")))
        .isEqualTo(Merge.multiply().name("excite"));
    assertThat(LayerType.named("Subtract").orElseThrow().bind(Map.of()))
        .isEqualTo(Merge.subtract());
    assertThat(LayerType.named("Average").orElseThrow().bind(Map.of())).isEqualTo(Merge.average());
    assertThat(LayerType.named("Maximum").orElseThrow().bind(Map.of())).isEqualTo(Merge.maximum());
    assertThat(LayerType.named("Minimum").orElseThrow().bind(Map.of())).isEqualTo(Merge.minimum());
    assertThat(LayerType.named("Softmax").orElseThrow().bind(Map.of("axis", -1)))
        .isEqualTo(Softmax.of());
    assertThat(LayerType.named("ELU").orElseThrow().bind(Map.of("alpha", 0.5)))
        .isEqualTo(ELU.of().alpha(0.5));
    assertThat(LayerType.named("Permute").orElseThrow().bind(Map.of("dims", List.of(2, 1))))
        .isEqualTo(Permute.of(2, 1));
    assertThat(LayerType.named("RepeatVector").orElseThrow().bind(Map.of("n", 400)))
        .isEqualTo(RepeatVector.of(400));
    assertThat(
            LayerType.named("Rescaling")
                .orElseThrow()
                .bind(new java.util.LinkedHashMap<>(Map.of("scale", 0.5, "offset", 1.0))))
        .isEqualTo(Rescaling.of(0.5).offset(1));
    assertThat(LayerType.named("Softmax").orElseThrow().keepsShape()).isTrue();
    assertThat(LayerType.named("RepeatVector").orElseThrow().keepsShape()).isFalse();
  }

  @Test
  void readsChannelsLast_marksTheSpatialLayersOnly() {
    assertThat(ZeroPadding.zeroPadding2d(1).readsChannelsLast()).isTrue();
    assertThat(Cropping.cropping1d(1).readsChannelsLast()).isTrue();
    assertThat(UpSampling.upSampling3d(2).readsChannelsLast()).isTrue();
    assertThat(Conv.of(2, 4, 3).readsChannelsLast()).isTrue();
    assertThat(Pooling.of(PoolKind.MAX, 2, 2).readsChannelsLast()).isTrue();
    assertThat(Merge.multiply().readsChannelsLast()).isFalse();
    assertThat(Permute.of(2, 1).readsChannelsLast()).isFalse();
    assertThat(Dense.of(3).readsChannelsLast()).isFalse();
    assertThat(Optional.of(Softmax.of()).map(LayerSpec::readsChannelsLast)).hasValue(false);
  }
}
