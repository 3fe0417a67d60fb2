package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;

/** The facts a spec gives about itself: its kind, input, wrapped layer, reads and fan-out. */
class LayerSpecFactsTest {
  @Test
  void kinds() {
    assertThat(Conv.conv2d(4, 3).layerKind()).isEqualTo(LayerKind.CONVOLUTION);
    assertThat(ConvTranspose.of(2, 4, 3).layerKind()).isEqualTo(LayerKind.CONVOLUTION);
    assertThat(DepthwiseConv2D.of(3).layerKind()).isEqualTo(LayerKind.DEPTHWISE);
    assertThat(SeparableConv2D.of(4, 3).layerKind()).isEqualTo(LayerKind.DEPTHWISE);
    assertThat(Dense.of(3).layerKind()).isEqualTo(LayerKind.DENSE);
    assertThat(Pooling.of(PoolKind.MAX, 2, 2).layerKind()).isEqualTo(LayerKind.POOLING);
    assertThat(GlobalPooling.of(PoolKind.AVERAGE, 2).layerKind()).isEqualTo(LayerKind.POOLING);
    assertThat(Softmax.of().layerKind()).isEqualTo(LayerKind.ACTIVATIONS);
    assertThat(SpikingNeuron.lif().layerKind()).isEqualTo(LayerKind.SPIKING_NEURONS);
    assertThat(MatMul.of().layerKind()).isEqualTo(LayerKind.OTHER);
    assertThat(Add.of().layerKind()).isEqualTo(LayerKind.OTHER);
    assertThat(TimeDistributed.of(Dense.of(3)).layerKind()).isEqualTo(LayerKind.DENSE);
    assertThat(LayerKind.of(Dense.of(3))).isEqualTo(LayerKind.DENSE);
  }

  @Test
  void inputWrappedAndValueMoves() {
    assertThat(InputLayer.of(Shape.of(3)).isInput()).isTrue();
    assertThat(Dense.of(3).isInput()).isFalse();
    assertThat(TimeDistributed.of(Dense.of(3)).wrapped()).isEqualTo(Optional.of(Dense.of(3)));
    assertThat(Dense.of(3).wrapped()).isEmpty();
    assertThat(Flatten.of().movesValuesOnly()).isTrue();
    assertThat(Reshape.of(4).movesValuesOnly()).isTrue();
    assertThat(Dropout.of(0.5).movesValuesOnly()).isTrue();
    assertThat(Dense.of(3).movesValuesOnly()).isFalse();
    assertThat(Conv.conv2d(4, 3).readsInputPerConnection()).isTrue();
    assertThat(Dense.of(3).readsInputPerConnection()).isFalse();
    assertThat(Dense.of(3).addsBiasPerOutput()).isTrue();
    assertThat(Dense.of(3).useBias(false).addsBiasPerOutput()).isFalse();
    assertThat(DepthwiseConv2D.of(3).addsBiasPerOutput()).isFalse();
  }

  @Test
  void fanOut_convolutionCountsTheWindowsThatReadEachPosition() {
    // 1D, kernel 3, valid, 2 filters over 5 positions of 1 channel: windows at 0, 1, 2.
    long[] valid = Conv.conv1d(2, 3).fanOutPerPosition(Shape.of(5, 1)).orElseThrow();
    assertThat(valid).asList().containsExactly(2L, 4L, 6L, 4L, 2L).inOrder();
    // same padding: 5 windows, each position read by up to 3 of them.
    long[] same =
        Conv.conv1d(1, 3).padding(Padding.SAME).fanOutPerPosition(Shape.of(5, 1)).orElseThrow();
    assertThat(same).asList().containsExactly(2L, 3L, 3L, 3L, 2L).inOrder();
    assertThat(Conv.conv1d(1, 3).padding(Padding.CAUSAL).fanOutPerPosition(Shape.of(5, 1)))
        .isEmpty();
    assertThat(Dense.of(7).fanOutPerPosition(Shape.of(4))).isEmpty();
    assertThat(Dense.of(7).fanOutPerValue(28, 4)).isEqualTo(7.0);
    assertThat(Add.of().fanOutPerValue(10, 4)).isEqualTo(2.5);
    assertThat(Add.of().fanOutPerValue(10, 0)).isEqualTo(0.0);
  }
}
