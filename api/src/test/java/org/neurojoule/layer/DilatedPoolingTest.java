package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.PoolKind.AVERAGE;
import static org.neurojoule.layer.PoolKind.MAX;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/** Pooling with dilated windows, as ONNX's and PyTorch's {@code dilations}. */
class DilatedPoolingTest {
  @Test
  void dilation_widensTheWindow_asOnnxsOutputSizeRule() {
    // Span (3 - 1) * 2 + 1 = 5: floor((11 - 5) / 2) + 1 = 4; the other axis dense: (11 - 3) / 2 +
    // 1.
    Pooling pool = Pooling.of(MAX, 2, 3).strides(2).dilationRate(2, 1);

    assertThat(Apply.outputShape(pool, Shape.of(11, 11, 3))).isEqualTo(Shape.of(4, 5, 3));
    assertThat(pool.dilationRate()).containsExactly(2, 1).inOrder();
    // 'same' keeps ceil(n / s), as for a convolution.
    assertThat(Apply.outputShape(pool.padding(Padding.SAME), Shape.of(11, 11, 3)))
        .isEqualTo(Shape.of(6, 6, 3));
  }

  @Test
  void averagePooling_countsEveryTapOfTheWindow() {
    Pooling pool = Pooling.of(AVERAGE, 1, 3).strides(1).dilationRate(3);

    // Span 7 on 10 steps: 4 outputs x 2 channels, 3 taps each.
    assertThat(Apply.outputShape(pool, Shape.of(10, 2))).isEqualTo(Shape.of(4, 2));
    assertThat(Apply.stats(pool, Accounting.COMPLETE, Shape.of(10, 2)).orElseThrow().connections())
        .isEqualTo(4L * 2 * 3);
    assertThat(Apply.params(pool, Shape.of(10, 2))).isEqualTo(ParamCount.ZERO);
  }

  @Test
  void describe_namesTheDilation_onlyWhenAboveOne() {
    assertThat(Pooling.of(MAX, 2, 2).dilationRate(2).describe())
        .isEqualTo("maxPooling2d(2x2, dilation 2x2)");
    assertThat(Pooling.of(MAX, 2, 2).dilationRate(1).describe()).isEqualTo("maxPooling2d(2x2)");
  }

  @Test
  void theConstructorWithoutDilation_isDense() {
    Pooling pool =
        new Pooling(MAX, 2, List.of(2, 2), List.of(2, 2), Padding.VALID, Optional.empty());

    assertThat(pool.dilationRate()).containsExactly(1, 1);
    assertThat(pool).isEqualTo(Pooling.of(MAX, 2, 2));
  }

  @Test
  void aWindowDilatedPastTheInput_isAnErrorNamingTheSpan() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(Pooling.of(MAX, 1, 3).dilationRate(4), Shape.of(8, 1)));

    assertThat(e.error()).isEqualTo(ShapeError.POOL_TOO_LARGE);
    assertThat(e).hasMessageThat().contains("is smaller than the 3 pool dilated to 9");
  }

  @Test
  void badDilations_areRefused() {
    Apply.assertInvalid(
        () -> Pooling.of(MAX, 2, 2).dilationRate(0), "dilationRate must be > 0, was 0");
    Apply.assertInvalid(
        () -> Pooling.of(MAX, 2, 2).dilationRate(1, 2, 3),
        "dilationRate takes 1 or 2 values, got 3");
  }
}
