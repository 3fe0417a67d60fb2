package test;

import org.neurojoule.layer.Activation;
import org.neurojoule.annotation.Alpha;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.Lowpass;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.SpikingActivation;

/** KerasSpiking's filters after a spiking activation, with non-default attributes. */
@Network(name = "Filtered")
final class FilterLayers {
  @Input({Input.NONE, 6}) NetworkLayer series;
  @SpikingActivation(Activation.RELU) NetworkLayer spikes;
  @Lowpass(value = 0.01, levelInitializer = 0.5) NetworkLayer smooth;
  @Alpha(value = 0.005, dt = 0.002, returnSequences = false, applyDuringTraining = false)
  NetworkLayer last;
}
