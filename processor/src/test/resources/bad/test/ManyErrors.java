package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class ManyErrors {
  @Input({8, 8, 3}) Object input;
  @Conv2D(filters = 4, kernelSize = 9) Object tooBig;
  @ReLU Object afterTooBig;
  @Conv2D(filters = -1, kernelSize = 3, from = "input") Object negative;
  @Dense(units = 2, from = "nowhere") Object lost;
  @MaxPooling2D(poolSize = 9, from = "input") Object poolTooBig;
}
