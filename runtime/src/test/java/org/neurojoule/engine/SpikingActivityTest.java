package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.Model.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.LayerActivity;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;

/** Effective ACs of a layer fed by spikes: its connections times the fraction of spikes. */
class SpikingActivityTest {
  @Test
  void effectiveAcsCountTheSpikes() {
    int examples = 2;
    int steps = 40;
    int units = 5;
    float[] x = new float[examples * steps * units];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % units) * 60f - 30f; // rates -30 (never spikes) to 210 Hz
    }
    Tensor spikes =
        Model.input(NONE, units).spikingActivation(Activation.RELU, s -> s.seed(7).name("spikes"));
    Tensor out = spikes.dense(3, c -> c.name("d"));
    ModelEnergy e =
        Model.of(out).energy(o -> o.exampleData(ExampleData.of(x, examples, steps, units)));

    // The spikes themselves, from a pass of the spiking layer alone.
    float[] y = KernelTest.run(spikes, Gemm.java(), x, examples, steps, units);
    long fired = 0;
    for (float v : y) {
      fired += v != 0 ? 1 : 0;
    }
    assertThat(fired).isGreaterThan(0L);
    assertThat(fired).isLessThan((long) y.length);
    double spikeFraction = (double) fired / y.length;

    LayerActivity d = e.activity("d");
    assertThat(d.fedBySpikes()).isTrue();
    assertThat(d.connections()).isEqualTo(15);
    assertThat(d.inputSparsity()).isEqualTo(1 - spikeFraction);
    assertThat(d.effectiveAcs(10)).isWithin(1e-9).of(15 * spikeFraction * 10);
    assertThat(d.effectiveMacs(10)).isEqualTo(0.0);
    assertThat(d.denseOps(10)).isEqualTo(150);
    assertThat(e.activity("spikes").activationSparsity()).isEqualTo(1 - spikeFraction);
    assertThat(e.activity("spikes").fedBySpikes()).isFalse();
  }
}
