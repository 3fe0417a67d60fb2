package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class SpikingActivationTest {

  @Test
  void of_hasKerasSpikingDefaults() {
    SpikingActivation s = SpikingActivation.of(Activation.RELU);

    assertThat(s.dt()).isEqualTo(0.001);
    assertThat(s.seed()).isEmpty();
    assertThat(s.type()).isEqualTo("SpikingActivation");
    assertThat(s.namePrefix()).isEqualTo("spiking_activation");
    assertThat(s.describe()).isEqualTo("spikingActivation(relu)");
  }

  @Test
  void neurons_areTheInputUnitsWithoutTime_andSpiking() {
    for (Accounting accounting : Accounting.values()) {
      assertThat(
              Apply.stats(
                  SpikingActivation.of(Activation.RELU), accounting, Shape.of(NONE, 10, 10)))
          .hasValue(new LayerStats(0, 100, true));
    }
  }

  @Test
  void neurons_firstAxisIsTime_evenWhenItHasASize() {
    assertThat(
            Apply.stats(
                SpikingActivation.of(Activation.RELU), Accounting.KERAS_SPIKING, Shape.of(5, 10)))
        .hasValue(new LayerStats(0, 10, true));
  }

  @Test
  void neurons_linearActivation_stillCount() {
    // Unlike the Activation layer, spiking neurons exist whatever the activation.
    assertThat(
            Apply.stats(
                SpikingActivation.of(Activation.LINEAR),
                Accounting.KERAS_SPIKING,
                Shape.of(NONE, 7)))
        .hasValue(new LayerStats(0, 7, true));
  }

  @Test
  void outputShape_isTheInputShape() {
    Shape in = Shape.of(NONE, 22, 22, 2);

    assertThat(Apply.outputShape(SpikingActivation.of(Activation.RELU), in)).isEqualTo(in);
  }

  @Test
  void withoutATimeAxis_isWrongRank() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(SpikingActivation.of(Activation.RELU), Shape.of(10)));

    assertThat(e.error()).isEqualTo(ShapeError.WRONG_RANK);
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnWrongRank] layer 1 'layer' spikingActivation(relu): runs over time and needs an"
                + " input of (time, units...), but the input is 10; start the model with"
                + " Model.input(NONE, ...) for a time axis");
  }

  @Test
  void undefinedUnitAfterTime_isUndefinedDimension() {
    var e =
        assertThrows(
            ShapeException.class,
            () ->
                Apply.stats(
                    SpikingActivation.of(Activation.RELU),
                    Accounting.COMPLETE,
                    Shape.of(NONE, NONE, 4)));

    assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
    assertThat(e).hasMessageThat().contains("(None, None, None, 4)");
  }

  @Test
  void withers_returnModifiedCopies() {
    SpikingActivation s = SpikingActivation.of(Activation.RELU).dt(0.01).seed(7).name("spikes");

    assertThat(s.dt()).isEqualTo(0.01);
    assertThat(s.seed()).hasValue(7L);
    assertThat(s.name()).hasValue("spikes");
  }

  @Test
  void invalidDt_isRejected() {
    Apply.assertInvalid(
        () -> SpikingActivation.of(Activation.RELU).dt(0),
        "dt must be a number > 0 within float32's range (1.4E-45 to 3.4028235E38), was 0.0");
    Apply.assertInvalid(
        () -> SpikingActivation.of(Activation.RELU).dt(Double.NaN),
        "dt must be a number > 0 within float32's range (1.4E-45 to 3.4028235E38), was NaN");
  }
}
