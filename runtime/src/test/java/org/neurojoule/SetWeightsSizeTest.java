package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.SeparableConv2D;

/** {@code setWeights} before {@code apply} on layers whose weight shapes have large factors. */
class SetWeightsSizeTest {
  @Test
  void separableConv2dWithLargeDepthMultiplier_wrongSizesGiveAClearError() {
    Layer sep = Layer.of(SeparableConv2D.of(8, 3).depthMultiplier(3000));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sep.setWeights(new float[5], new float[7], new float[8]));

    assertThat(e)
        .hasMessageThat()
        .contains(
            "[depthwise_kernel (3, 3, cin, 3000), pointwise_kernel (1, 1, cin*3000, 8),"
                + " bias (8,)]");
    assertThat(e).hasMessageThat().contains("got 3 arrays of sizes [5, 7, 8]");
  }

  @Test
  void separableConv2dWithLargeDepthMultiplier_rightSizesAreTaken() {
    Layer sep = Layer.of(SeparableConv2D.of(2, 1).depthMultiplier(3000));

    // cin 1: depthwise (1, 1, 1, 3000), pointwise (1, 1, 3000, 2), bias (2,).
    sep.setWeights(new float[3000], new float[6000], new float[2]);

    assertThat(sep.hasWeights()).isTrue();
  }
}
