package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class AddMismatch {
  @Input({8, 8, 3}) Object input;
  @Conv2D(filters = 4, kernelSize = 3) Object a;
  @Conv2D(filters = 4, kernelSize = 5, from = "input") Object b;
  @Add(from = {"a", "b"}) Object sum;
}
