package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/** Conv with {@code groups}: ResNeXt's grouped convolution, depthwise when groups = cin. */
class GroupedConvTest {
  @Test
  void groups_defaultsToOne_andIsKeptByEveryWither() {
    Conv conv = Conv.of(2, 8, 3).groups(4);

    assertThat(Conv.of(2, 8, 3).groups()).isEqualTo(1);
    assertThat(conv.groups()).isEqualTo(4);
    assertThat(
            conv.strides(2)
                .padding(org.neurojoule.layer.Padding.SAME)
                .dilationRate(1)
                .activation(Activation.RELU)
                .useBias(false)
                .kernelSize(5)
                .name("g")
                .groups())
        .isEqualTo(4);
    assertThat(conv.describe()).isEqualTo("conv2d(8, 3x3, groups 4)");
    assertThat(conv.activation(Activation.RELU).describe())
        .isEqualTo("conv2d(8, 3x3, relu, groups 4)");
  }

  @Test
  void conv2d_inFourGroups_dividesParamsAndConnectionsByFour_shapeUnchanged() {
    Shape in = Shape.of(10, 10, 16);
    Conv conv = Conv.of(2, 32, 3).groups(4);

    assertThat(Apply.outputShape(conv, in)).isEqualTo(Shape.of(8, 8, 32));
    // 3 * 3 * (16 / 4) * 32 + 32.
    assertThat(Apply.params(conv, in)).isEqualTo(ParamCount.trainable(1184));
    // 8 * 8 * 32 = 2048 outputs, each from 3 * 3 * 4 inputs; the reference reads the kernel's
    // shape without its last axis, (3, 3, 4), so both modes agree.
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(conv, accounting, in)).hasValue(LayerStats.connections(73728));
    }
    assertThat(conv.weights(in.get(-1)).get(0).shape()).isEqualTo(new int[] {3, 3, 4, 32});
  }

  @Test
  void depthwiseAsGroupsEqualToChannels_countsAsDepthwiseConv2D() {
    Shape in = Shape.of(9, 9, 6);
    Conv grouped = Conv.of(2, 12, 3).groups(6).activation(Activation.RELU);
    DepthwiseConv2D depthwise =
        DepthwiseConv2D.of(3).depthMultiplier(2).activation(Activation.RELU);

    assertThat(Apply.outputShape(grouped, in)).isEqualTo(Apply.outputShape(depthwise, in));
    assertThat(Apply.params(grouped, in)).isEqualTo(Apply.params(depthwise, in));
    // 7 * 7 * 12 outputs, each from 3 * 3 inputs: 5292, as DepthwiseConv2D's COMPLETE count.
    assertThat(Apply.stats(grouped, COMPLETE, in)).hasValue(new LayerStats(5292, 588, false));
    assertThat(Apply.stats(depthwise, COMPLETE, in)).hasValue(new LayerStats(5292, 588, false));
    assertThat(Apply.stats(grouped, KERAS_SPIKING, in)).hasValue(new LayerStats(5292, 588, false));
  }

  @Test
  void conv1dAndConv3d_groups() {
    Conv conv1 = Conv.of(1, 6, 3).groups(3);
    // 3 * 2 * 6 + 6; 8 * 6 outputs, each from 3 * 2 inputs.
    assertThat(Apply.params(conv1, Shape.of(10, 6))).isEqualTo(ParamCount.trainable(42));
    assertThat(Apply.stats(conv1, COMPLETE, Shape.of(10, 6))).hasValue(LayerStats.connections(288));

    Conv conv3 = Conv.of(3, 4, 2).groups(2).useBias(false);
    // 8 * 2 * 4; 3 * 3 * 3 * 4 outputs, each from 8 * 2 inputs.
    assertThat(Apply.params(conv3, Shape.of(4, 4, 4, 4))).isEqualTo(ParamCount.trainable(64));
    assertThat(Apply.stats(conv3, KERAS_SPIKING, Shape.of(4, 4, 4, 4)))
        .hasValue(LayerStats.connections(1728));
  }

  @Test
  void groupsBelowOne_isAnError() {
    Apply.assertInvalid(() -> Conv.of(2, 8, 3).groups(0), "groups must be > 0, was 0");
  }

  @Test
  void filtersNotAMultipleOfGroups_isAnErrorNamingBoth() {
    Apply.assertInvalid(
        () -> Conv.of(2, 10, 3).groups(4),
        "groups 4 must divide both the input"
            + " channels and the filters, but filters 10 is not a multiple of 4");
  }

  @Test
  void inputChannelsNotAMultipleOfGroups_isAnErrorNamingTheLayerAndTheShape() {
    Conv conv = Conv.of(2, 8, 3).groups(4);

    var e = assertThrows(ShapeException.class, () -> Apply.outputShape(conv, Shape.of(10, 10, 6)));

    assertThat(e.error()).isEqualTo(ShapeError.INVALID_ARGUMENT);
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnInvalidArgument] layer 1 'layer' conv2d(8, 3x3,"
                + " groups 4): groups 4 must divide both the input channels and the filters, but the"
                + " input 10x10x6 has 6 channels, not a multiple of 4");
    assertThrows(ShapeException.class, () -> Apply.params(conv, Shape.of(10, 10, 6)));
  }
}
