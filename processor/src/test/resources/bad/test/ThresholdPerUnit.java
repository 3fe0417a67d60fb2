package test;

import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.Threshold;

@Network(name = "ThresholdPerUnit")
final class ThresholdPerUnit {
  @Input({3}) NetworkLayer in;
  @Threshold({0.1, 0.2}) NetworkLayer step;
}
