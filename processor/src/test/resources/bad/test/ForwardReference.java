package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class ForwardReference {
  @Input({8, 8, 3}) Object input;
  @ReLU(from = "later") Object relu;
  @Conv2D(filters = 4, kernelSize = 3, from = "input") Object later;
}
