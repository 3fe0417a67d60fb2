package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class ZeroFilters {
  @Input({8, 8, 3}) Object input;
  @Conv2D(filters = 0, kernelSize = 3) Object conv;
}
