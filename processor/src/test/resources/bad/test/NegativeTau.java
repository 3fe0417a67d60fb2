package test;

import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.LIF;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;

@Network(name = "NegativeTau")
final class NegativeTau {
  @Input({3}) NetworkLayer in;
  @LIF(tau = -0.01) NetworkLayer lif;
}
