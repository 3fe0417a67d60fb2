package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class IndependentErrors {
  @Input({8, 8, 3}) Object input;
  @Dropout(rate = 1.5) Object drop;
  @Conv2D(filters = 4, kernelSize = 11) Object tooBig;
  @ReLU(negativeSlope = -1) Object afterTooBig;
  @Dense(units = 0) Object zeroUnits;
  @Conv2D(filters = 2, kernelSize = 3, strides = 0, dilationRate = 0, from = "input") Object twoBad;
  @MaxPooling2D(poolSize = 9, from = "input") Object poolTooBig;
  @Flatten(from = "nowhere") Object lost;
}
