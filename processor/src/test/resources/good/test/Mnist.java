package test;

import org.neurojoule.annotation.Conv2D;
import org.neurojoule.annotation.Dense;
import org.neurojoule.annotation.Flatten;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.ReLU;

/** The MNIST model of KerasSpiking's documentation; field names are Keras' auto names. */
@Network
final class Mnist {
  @Input({28, 28, 1}) Object input_1;
  @Conv2D(filters = 2, kernelSize = 7) Object conv2d;
  @ReLU Object re_lu;
  @Flatten Object flatten;
  @Dense(units = 128) Object dense;
  @ReLU Object re_lu_1;
  @Dense(units = 10) Object dense_1;
}
