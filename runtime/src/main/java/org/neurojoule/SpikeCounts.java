package org.neurojoule;

import java.util.Map;
import java.util.Objects;

/**
 * What the spiking simulation ({@link EnergyOptions#simulate(double)}) counted, per inference (the
 * mean over the example data's sequences).
 *
 * @param dt the simulation's timestep, seconds
 * @param timesteps the steps of each sequence ({@code T} of the data's {@code (N, T, ...)})
 * @param sequences how many sequences ran ({@code N})
 * @param layers per layer name, in layer order
 */
public record SpikeCounts(double dt, int timesteps, long sequences, Map<String, Layer> layers) {
  /**
   * One layer's counts per inference.
   *
   * @param spikes spikes emitted: nonzero outputs of a spiking layer (for an input layer, the
   *     data's nonzero values, its events); 0 for other layers
   * @param synapticEvents synaptic operations caused in this layer by the nonzero values it
   *     receives, each times its fan-out (a recurrent neuron's own spikes of the previous step
   *     times its units)
   */
  public record Layer(double spikes, double synapticEvents) {}

  /**
   * Keeps the layers in order, unmodifiable.
   *
   * @param dt the simulation's timestep, seconds
   * @param timesteps the steps of each sequence
   * @param sequences how many sequences ran
   * @param layers per layer name, in layer order
   */
  public SpikeCounts {
    layers =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(Objects.requireNonNull(layers, "layers == null")));
  }

  /**
   * {@return the counts of one layer}
   *
   * @param layer the layer's name
   * @throws IllegalArgumentException naming the layer if the model has none of that name
   */
  public Layer layer(String layer) {
    Layer l = layers.get(layer);
    if (l == null) {
      throw new IllegalArgumentException(
          "no layer '"
              + layer
              + "' in the simulation; layers: "
              + String.join(", ", layers.keySet()));
    }
    return l;
  }

  /** {@return the spikes per inference of every layer together} */
  public double totalSpikes() {
    return layers.values().stream().mapToDouble(Layer::spikes).sum();
  }

  /** {@return the synaptic events per inference of every layer together} */
  public double totalSynapticEvents() {
    return layers.values().stream().mapToDouble(Layer::synapticEvents).sum();
  }
}
