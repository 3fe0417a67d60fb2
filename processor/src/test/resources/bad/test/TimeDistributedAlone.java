package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class TimeDistributedAlone {
  @Input({NONE, 8}) Object input;
  @TimeDistributed Object wrapped;
}
