package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class KernelTooLarge {
  @Input({5, 5, 3}) Object input;
  @Conv2D(filters = 64, kernelSize = 11, strides = 4) Object conv;
}
