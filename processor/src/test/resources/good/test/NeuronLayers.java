package test;

import org.neurojoule.annotation.CubaLIF;
import org.neurojoule.annotation.CubaLeakyIntegrator;
import org.neurojoule.annotation.Delay;
import org.neurojoule.annotation.Dense;
import org.neurojoule.annotation.Flatten;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.IntegrateAndFire;
import org.neurojoule.annotation.Integrator;
import org.neurojoule.annotation.LIF;
import org.neurojoule.annotation.LeakyIntegrator;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.Scale;
import org.neurojoule.annotation.SumPooling2D;
import org.neurojoule.annotation.Threshold;

/** NIR's neurons and primitives, with scalar and per-unit constants and a recurrence. */
@Network(name = "Neurons")
final class NeuronLayers {
  @Input({4, 4, 2}) NetworkLayer events;
  @SumPooling2D(poolSize = 2) NetworkLayer pool;
  @IntegrateAndFire(vThreshold = 0.5) NetworkLayer spikes;
  @Flatten NetworkLayer flat;
  @Dense(units = 3) NetworkLayer fc;
  @LIF(tau = {0.01, 0.02, 0.03}, vLeak = 0.1) NetworkLayer lif;
  @Scale NetworkLayer gain;
  @Delay(0.002) NetworkLayer late;
  @CubaLIF(tauSyn = 0.004, recurrentBias = true) NetworkLayer rec;
  @Threshold({0.5}) NetworkLayer step;
  @LeakyIntegrator(tau = 0.05) NetworkLayer readout;
  @Integrator(r = 2) NetworkLayer sum;
  @CubaLeakyIntegrator(wIn = 3) NetworkLayer cuba;
}
