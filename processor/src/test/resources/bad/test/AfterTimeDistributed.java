package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class AfterTimeDistributed {
  @Input({5, 8, 8, 3}) Object input;
  @TimeDistributed @Conv2D(filters = 4, kernelSize = 3) Object perStep;
  @TimeDistributed @MaxPooling2D(poolSize = 7) Object tooBigPerStep;
  @Conv3D(filters = 2, kernelSize = 9, from = "perStep") Object tooBig;
}
