package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class NameClash {
  @Input({8}) Object input;
  @Dense(units = 4) Object firstDense;
  @Dense(units = 4) Object first_dense;
}
