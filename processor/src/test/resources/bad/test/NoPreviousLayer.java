package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.*;

@Network
class NoPreviousLayer {
  @ReLU Object relu;
  @Input({8}) Object input;
}
