package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class BatchNormalizationTest {
  private static final Shape IN = Shape.of(22, 22, 8);

  @Test
  void of_hasKerasDefaults() {
    BatchNormalization bn = BatchNormalization.of();

    assertThat(bn.momentum()).isEqualTo(0.99);
    assertThat(bn.epsilon()).isEqualTo(1e-3);
    assertThat(bn.center()).isTrue();
    assertThat(bn.scale()).isTrue();
    assertThat(bn.type()).isEqualTo("BatchNormalization");
    assertThat(bn.namePrefix()).isEqualTo("batch_normalization");
    assertThat(bn.describe()).isEqualTo("batchNormalization");
  }

  @Test
  void outputShape_isTheInputShape() {
    assertThat(Apply.outputShape(BatchNormalization.of(), IN)).isEqualTo(IN);
    assertThat(Apply.outputShape(BatchNormalization.of(), Shape.of(NONE, 8)))
        .isEqualTo(Shape.of(NONE, 8));
  }

  @Test
  void params_fourPerChannel_twoOfThemNonTrainable() {
    ParamCount p = Apply.params(BatchNormalization.of(), IN);

    // gamma, beta trainable; moving mean, moving variance not: 4 * 8.
    assertThat(p).isEqualTo(new ParamCount(16, 16));
    assertThat(p.total()).isEqualTo(32);
  }

  @Test
  void params_withoutCenterOrScale_dropBetaOrGamma() {
    assertThat(Apply.params(BatchNormalization.of().center(false), IN))
        .isEqualTo(new ParamCount(8, 16));
    assertThat(Apply.params(BatchNormalization.of().scale(false), IN))
        .isEqualTo(new ParamCount(8, 16));
    assertThat(Apply.params(BatchNormalization.of().center(false).scale(false), IN))
        .isEqualTo(new ParamCount(0, 16));
  }

  @Test
  void stats_kerasSpiking_hasNoRule_complete_countsNothing() {
    assertThat(Apply.stats(BatchNormalization.of(), KERAS_SPIKING, IN)).isEmpty();
    assertThat(Apply.stats(BatchNormalization.of(), COMPLETE, IN)).hasValue(LayerStats.NONE);
  }

  @Test
  void undefinedChannels_isUndefinedDimension() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.params(BatchNormalization.of(), Shape.of(4, NONE)));

    assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
  }

  @Test
  void momentumAndEpsilon_outOfRange_areRejected() {
    Apply.assertInvalid(
        () -> BatchNormalization.of().momentum(1.5), "momentum must be in [0, 1], was 1.5");
    Apply.assertInvalid(
        () -> BatchNormalization.of().momentum(Double.NaN), "momentum must be in [0, 1], was NaN");
    Apply.assertInvalid(
        () -> BatchNormalization.of().epsilon(0),
        "epsilon must be a number > 0 within float32's range (1.4E-45 to 3.4028235E38), was 0.0");
    Apply.assertInvalid(
        () -> BatchNormalization.of().epsilon(Double.POSITIVE_INFINITY),
        "epsilon must be a number > 0 within float32's range (1.4E-45 to 3.4028235E38), was Infinity");
  }

  @Test
  void withers_returnModifiedCopies() {
    BatchNormalization bn = BatchNormalization.of().momentum(0.9).epsilon(1e-5).name("bn");

    assertThat(bn.momentum()).isEqualTo(0.9);
    assertThat(bn.epsilon()).isEqualTo(1e-5);
    assertThat(bn.name()).hasValue("bn");
    assertThat(BatchNormalization.of().name()).isEmpty();
  }
}
