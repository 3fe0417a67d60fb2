package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class StridesAndDilation {
  @Input({16, 16, 3}) Object input;
  @Conv2D(filters = 4, kernelSize = 3, strides = 2,
      dilationRate = 2) Object conv;
}
