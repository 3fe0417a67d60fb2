package org.neurojoule.examples.annotated;

import org.neurojoule.annotation.Conv2D;
import org.neurojoule.annotation.Dense;
import org.neurojoule.annotation.Flatten;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.ReLU;

/**
 * The MNIST model of KerasSpiking's documentation, as an annotated class.
 *
 * <p>Field names are the names Keras gives the layers of the fluent version (see {@code
 * Architectures}), so both summaries read alike. The processor generates {@link MnistModel}.
 */
@Network
public final class Mnist {
  private Mnist() {}

  @Input({28, 28, 1})
  NetworkLayer input_1;

  @Conv2D(filters = 2, kernelSize = 7)
  NetworkLayer conv2d;

  @ReLU NetworkLayer re_lu;

  @Flatten NetworkLayer flatten;

  @Dense(units = 128)
  NetworkLayer dense;

  @ReLU NetworkLayer re_lu_1;

  @Dense(units = 10)
  NetworkLayer dense_1;
}
