package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class UndefinedDimension {
  @Input({NONE, NONE, 4}) Object input;
  @Dense(units = 2) Object dense;
}
