package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/** NIR's neurons, Delay, Scale and sum pooling: shapes, weights, counts and errors. */
class SpikingNeuronTest {
  private static final List<Shape> MAPS = List.of(Shape.of(4, 4, 2));

  @Test
  void lif_neuronPerUnit_spiking_noParameters() {
    SpikingNeuron lif = SpikingNeuron.lif().tau(0.0025).vThreshold(0.1);

    assertThat(lif.type()).isEqualTo("LIF");
    assertThat(lif.outputShape(MAPS)).isEqualTo(MAPS.get(0));
    assertThat(lif.params(MAPS)).isEqualTo(ParamCount.ZERO);
    assertThat(lif.weights(MAPS)).isEmpty();
    assertThat(lif.stats(MAPS, MAPS.get(0), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(0, 32, true)));
    assertThat(lif.stats(MAPS, MAPS.get(0), Accounting.KERAS_SPIKING))
        .isEqualTo(Optional.of(new LayerStats(0, 32, true)));
    assertThat(lif.emitsSpikes()).isTrue();
    assertThat(lif.constant("tau").at(31)).isEqualTo(0.0025);
    assertThat(lif.constant("vReset").at(0)).isEqualTo(0.0);
    assertThat(lif.describe())
        .isEqualTo("lif(tau 0.0025, r 1.0, vLeak 0.0, vThreshold 0.1, vReset 0.0)");
  }

  @Test
  void integrators_doNotSpike_everyKindCarriesItsNirConstants() {
    for (NeuronKind kind : NeuronKind.values()) {
      SpikingNeuron n =
          kind == NeuronKind.THRESHOLD ? SpikingNeuron.threshold(0.5) : SpikingNeuron.of(kind);
      assertThat(n.constants().keySet()).containsExactlyElementsIn(kind.constants()).inOrder();
      assertThat(n.emitsSpikes())
          .isEqualTo(
              kind != NeuronKind.INTEGRATOR
                  && kind != NeuronKind.LEAKY_INTEGRATOR
                  && kind != NeuronKind.CUBA_LEAKY_INTEGRATOR);
      assertThat(n.stats(MAPS, MAPS.get(0), Accounting.COMPLETE).orElseThrow().spiking())
          .isEqualTo(n.emitsSpikes());
    }
    assertThat(SpikingNeuron.cubaLif().constants().keySet())
        .containsExactly("tauSyn", "tauMem", "r", "vLeak", "vThreshold", "vReset", "wIn")
        .inOrder();
  }

  @Test
  void recurrent_unitsSquaredWeightsAndConnections() {
    List<Shape> in = List.of(Shape.of(38));
    SpikingNeuron n = SpikingNeuron.cubaLif().recurrentBias(true);

    assertThat(n.recurrent()).isTrue();
    assertThat(n.weights(in))
        .containsExactly(
            new WeightShapes.Weight("recurrent_kernel", new int[] {38, 38}),
            new WeightShapes.Weight("recurrent_bias", new int[] {38}))
        .inOrder();
    assertThat(n.params(in)).isEqualTo(ParamCount.trainable(38 * 38 + 38));
    assertThat(n.stats(in, in.get(0), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(38 * 38, 38, true)));
    assertThat(SpikingNeuron.lif().recurrent(true).params(in))
        .isEqualTo(ParamCount.trainable(38 * 38));
  }

  @Test
  void perUnitConstants_mustMatchTheUnits() {
    SpikingNeuron n = SpikingNeuron.integrateAndFire().vThreshold(1, 2, 3);

    assertThat(n.constant("vThreshold").at(2)).isEqualTo(3.0);
    assertThat(n.outputShape(List.of(Shape.of(3)))).isEqualTo(Shape.of(3));
    assertThat(
            assertThrows(ShapeException.class, () -> n.outputShape(List.of(Shape.of(4))))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] has 4 units, but vThreshold has 3 values;"
                + " give one for all units or one per unit");
  }

  @Test
  void badConstants_nameTheConstantAndTheValue() {
    assertThat(assertThrows(ShapeException.class, () -> SpikingNeuron.lif().tau(0)).getMessage())
        .isEqualTo(
            "[NnInvalidArgument] tau is a time constant in seconds and must be a finite"
                + " number > 0, was 0.0");
    assertThat(
            assertThrows(ShapeException.class, () -> SpikingNeuron.cubaLif().tauSyn(0.1, -1))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] tauSyn[1] is a time constant in seconds and must be a"
                + " finite number > 0, was -1.0");
    assertThat(
            assertThrows(ShapeException.class, () -> SpikingNeuron.lif().vThreshold(Double.NaN))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] vThreshold must be a finite number within float32's"
                + " range (at most 3.4028235E38 in magnitude), was NaN");
    assertThat(
            assertThrows(ShapeException.class, () -> SpikingNeuron.integrateAndFire().tau(1))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] IF has no constant tau; it takes r," + " vThreshold, vReset");
    assertThat(assertThrows(ShapeException.class, () -> SpikingNeuron.lif().r()).getMessage())
        .isEqualTo(
            "[NnInvalidArgument] r needs one value for all units or one per unit, got" + " none");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () ->
                        new SpikingNeuron(
                            NeuronKind.LIF,
                            Map.of("r", PerUnit.of("r", 1)),
                            false,
                            false,
                            Optional.empty()))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] LIF takes the constants [tau, r, vLeak, vThreshold,"
                + " vReset], got [r]");
  }

  @Test
  void delayScaleAndSumPooling() {
    Delay d = Delay.of(0.001, 0.002);
    List<Shape> two = List.of(Shape.of(2));
    assertThat(d.outputShape(two)).isEqualTo(Shape.of(2));
    assertThat(d.stats(two, two.get(0), Accounting.COMPLETE))
        .isEqualTo(Optional.of(LayerStats.NONE));
    assertThat(assertThrows(ShapeException.class, () -> Delay.of(-1)).getMessage())
        .isEqualTo(
            "[NnInvalidArgument] delay must be a number >= 0 within float32's range (at"
                + " most 3.4028235E38), was -1.0");

    Scale s = Scale.of();
    assertThat(s.weights(MAPS)).containsExactly(new WeightShapes.Weight("scale", new int[] {32}));
    assertThat(s.params(MAPS)).isEqualTo(ParamCount.trainable(32));
    assertThat(s.stats(MAPS, MAPS.get(0), Accounting.COMPLETE))
        .isEqualTo(Optional.of(LayerStats.connections(32)));

    Pooling p = Pooling.sumPooling2d(2);
    assertThat(p.type()).isEqualTo("SumPooling2D");
    assertThat(p.outputShape(MAPS)).isEqualTo(Shape.of(2, 2, 2));
    assertThat(p.stats(MAPS, Shape.of(2, 2, 2), Accounting.COMPLETE))
        .isEqualTo(Optional.of(LayerStats.connections(32)));
  }
}
