package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class PoolTooLarge {
  @Input({8, 8, 3}) Object input;
  @Conv2D(filters = 4, kernelSize = 3) Object conv;
  @MaxPooling2D(poolSize = 7, strides = 2) Object pool;
}
