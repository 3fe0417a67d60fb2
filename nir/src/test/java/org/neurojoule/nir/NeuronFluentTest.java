package org.neurojoule.nir;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.ShapeException;

/** The fluent NIR neuron methods: statistics, recurrent weights and errors naming the layer. */
class NeuronFluentTest {
  @Test
  void fluentNeurons_countPerTimestep() {
    Model m =
        Model.input(12)
            .dense(38)
            .cubaLif(c -> c.tauSyn(0.002).recurrentBias(true))
            .dense(7)
            .lif(l -> l.tau(0.01).vThreshold(1))
            .integrator()
            .model();

    assertThat(m.energy().layerStats("cuba_lif")).isEqualTo(new LayerStats(38 * 38, 38, true));
    assertThat(m.energy().layerStats("lif")).isEqualTo(new LayerStats(0, 7, true));
    assertThat(m.energy().layerStats("i")).isEqualTo(new LayerStats(0, 7, false));
    assertThat(m.params())
        .isEqualTo(ParamCount.trainable(12 * 38 + 38 + 38 * 38 + 38 + 38 * 7 + 7));
  }

  @Test
  void badConstants_nameTheLayer() {
    ShapeException e =
        assertThrows(
            ShapeException.class, () -> Model.input(4).lif(l -> l.vThreshold(1, 2).name("lif_1")));
    assertThat(e.getMessage())
        .isEqualTo(
            "[NnInvalidArgument] layer 1 'lif_1' lif(tau 0.01, r"
                + " 1.0, vLeak 0.0, vThreshold [2 values], vReset 0.0): has 4 units, but vThreshold has 2"
                + " values; give one for all units or one per unit");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Model.input(4).integrateAndFire(n -> n.vThreshold(Double.NaN)))
                .getMessage())
        .contains("vThreshold must be a finite number within float32's range");
  }

  @Test
  void forwardPass_refusesNeuronsClearly_untilTheSpikingSimulation() {
    Model m = Model.input(2).dense(2).lif().model();
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> m.energy(x -> x.exampleData(ExampleData.filled(1, 3, 2))).rates());
    assertThat(e.getMessage())
        .isEqualTo(
            "layer 'lif' (LIF) cannot run in NeuroJoule's forward"
                + " pass, so firing rates from example data are not available for this model");
  }
}
