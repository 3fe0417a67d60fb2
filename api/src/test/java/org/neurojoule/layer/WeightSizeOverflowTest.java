package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.ShapeException;

/** Weight dimensions that would pass an {@code int} are refused naming the layer and the sizes. */
class WeightSizeOverflowTest {
  @Test
  void separableConv2d_inputTimesDepthMultiplierPastAnInt() {
    SeparableConv2D sep = SeparableConv2D.of(8, 3).depthMultiplier(3000);

    ShapeException e = assertThrows(ShapeException.class, () -> sep.weights(1_000_000));

    assertThat(e)
        .hasMessageThat()
        .contains(
            sep.describe()
                + ": cin * depth_multiplier = 1000000 * 3000 = 3000000000, more than a weight"
                + " dimension holds (at most 2147483647)");
  }

  @Test
  void depthwiseConv2d_biasPastAnInt() {
    DepthwiseConv2D dw = DepthwiseConv2D.of(3).depthMultiplier(3000);

    ShapeException e = assertThrows(ShapeException.class, () -> dw.weights(1_000_000));

    assertThat(e)
        .hasMessageThat()
        .contains(dw.describe() + ": cin * depth_multiplier = 1000000 * 3000 = 3000000000");
  }

  @Test
  void recurrent_gatesTimesUnitsPastAnInt() {
    Recurrent lstm = Recurrent.lstm(600_000_000);

    ShapeException e = assertThrows(ShapeException.class, () -> lstm.weights(4));

    assertThat(e)
        .hasMessageThat()
        .contains(lstm.describe() + ": gates * units = 4 * 600000000 = 2400000000");
  }

  @Test
  void groupedConv_largeInputRoundsUpWithoutWrapping() {
    Conv conv = Conv.conv2d(4, 1).groups(4);

    int[] kernel = conv.weights(Integer.MAX_VALUE - 1).get(0).shape();

    // ceil((2^31 - 2) / 4) input channels per group; cin + groups - 1 would wrap in an int.
    assertThat(kernel[2]).isEqualTo(536_870_912);
  }

  @Test
  void symbolicShapes_stillShownForLargeDepthMultipliers() {
    SeparableConv2D sep = SeparableConv2D.of(8, 3).depthMultiplier(3000);

    assertThat(WeightShapes.symbolic(sep))
        .isEqualTo(
            "[depthwise_kernel (3, 3, cin, 3000), pointwise_kernel (1, 1, cin*3000, 8),"
                + " bias (8,)]");
  }
}
