package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class AfterConcatenate {
  @Input({8, 8, 3}) Object input;
  @Conv2D(filters = 4, kernelSize = 3) Object a;
  @ReLU(from = "input") Object side;
  @Conv2D(filters = 4, kernelSize = 3) Object b;
  @Concatenate(from = {"a", "b"}) Object joined;
  @Conv2D(filters = 2, kernelSize = 7) Object tooBig;
}
