package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class LayersTest {
  private static final Shape MNIST = Shape.of(28, 28, 1);

  @Test
  void outputShapeParamsAndStats_agreeWithTheSpec() {
    Conv conv = Conv.of(2, 2, 7);
    List<Shape> in = List.of(MNIST);
    Shape out = conv.outputShape(in);

    assertThat(Layers.outputShape(1, "conv2d", conv, in)).isEqualTo(out);
    assertThat(Layers.params(1, "conv2d", conv, in)).isEqualTo(conv.params(in));
    assertThat(Layers.stats(1, "conv2d", conv, in, out, KERAS_SPIKING))
        .isEqualTo(conv.stats(in, out, KERAS_SPIKING));
  }

  @Test
  void errorsFromEveryEntryPoint_arePlacedOnTheLayer() {
    Dense dense = Dense.of(4);
    List<Shape> in = List.of(Shape.of(8, Shape.NONE));

    var fromShape =
        assertThrows(ShapeException.class, () -> Layers.outputShape(7, "dense_3", dense, in));
    var fromParams =
        assertThrows(ShapeException.class, () -> Layers.params(7, "dense_3", dense, in));
    var fromStats =
        assertThrows(
            ShapeException.class,
            () -> Layers.stats(7, "dense_3", dense, in, Shape.of(8, 4), COMPLETE));

    for (ShapeException e : List.of(fromShape, fromParams, fromStats)) {
      assertThat(e.layerIndex()).hasValue(7);
      assertThat(e.layerName()).hasValue("dense_3");
      assertThat(e.layerDescription()).hasValue("dense(4)");
      assertThat(e.inputShapes()).isEqualTo(in);
      assertThat(e)
          .hasMessageThat()
          .startsWith("[NnUndefinedDimension] layer 7 'dense_3' dense(4): ");
    }
  }

  @Test
  void inputCount_isCheckedBeforeTheRule() {
    // Without the check, Dense would fail on inputs.get(0).
    for (var call :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> Layers.outputShape(1, "dense", Dense.of(4), List.of()),
            () -> Layers.params(1, "dense", Dense.of(4), List.of()),
            () -> Layers.stats(1, "dense", Dense.of(4), List.of(), Shape.of(4), COMPLETE))) {
      var e = assertThrows(ShapeException.class, call);
      assertThat(e)
          .hasMessageThat()
          .isEqualTo("[NnInputCount] layer 1 'dense' dense(4): takes 1 input(s), got 0 []");
    }
  }

  @Test
  void arithmeticOverflow_becomesNnOverflow_onTheLayer() {
    int max = Integer.MAX_VALUE;
    Shape in = Shape.of(max, max);
    Dense dense = Dense.of(max);

    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.stats(2, "dense", dense, List.of(in), Shape.of(max, max), KERAS_SPIKING));

    assertThat(e.error()).isEqualTo(ShapeError.OVERFLOW);
    assertThat(e.layerIndex()).hasValue(2);
    assertThat(e.inputShapes()).containsExactly(in);
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnOverflow] layer 2 'dense' dense(2147483647): a size or count for input"
                + " [2147483647x2147483647] is too large: a dimension must fit in 32 bits (at most 2147483647) and a count in 64");
  }

  @Test
  void stats_emptyWhenTheAccountingHasNoRule() {
    DepthwiseConv2D dw = DepthwiseConv2D.of(3);
    Shape in = Shape.of(5, 5, 2);
    Shape out = Layers.outputShape(1, "dw", dw, List.of(in));

    assertThat(Layers.stats(1, "dw", dw, List.of(in), out, KERAS_SPIKING)).isEmpty();
    assertThat(Layers.stats(1, "dw", dw, List.of(in), out, COMPLETE)).isPresent();
  }

  @Test
  void statsType_isTheWrappedType_forTimeDistributed() {
    assertThat(Layers.statsType(Conv.of(2, 2, 3))).isEqualTo("Conv2D");
    assertThat(Layers.statsType(TimeDistributed.of(Pooling.of(PoolKind.MAX, 2, 2))))
        .isEqualTo("MaxPooling2D");
    assertThat(Layers.statsType(ActivationLayer.of(Activation.RELU))).isEqualTo("Activation");
  }

  @Test
  void listShapes_joinsCompactForms() {
    assertThat(Layers.listShapes(List.of(Shape.of(22, 22, 2), Shape.of(Shape.NONE, 4))))
        .isEqualTo("[22x22x2, ?x4]");
    assertThat(Layers.listShapes(List.of())).isEqualTo("[]");
  }
}
