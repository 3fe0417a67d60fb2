package org.neurojoule.engine;

import java.util.Map;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;

/** Firing rates from example data: each layer's mean absolute input, from a forward pass. */
public final class FiringRates {
  private FiringRates() {}

  /** The rate of every layer of {@code model} on {@code data}. */
  public static Map<Layer, Double> of(Model model, ExampleData data) {
    throw new UnsupportedOperationException("firing rates from example data are not available");
  }
}
