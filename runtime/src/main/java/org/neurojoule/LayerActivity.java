package org.neurojoule;

import java.util.List;
import java.util.Objects;

/**
 * The activity metrics of one layer, in the style of NeuroBench: sparsity of its activations and
 * weights, its parameter footprint and its synaptic operations split into dense, effective MACs and
 * effective ACs. Zeros are exact ({@code x == 0}: {@code -0.0} counts, NaN does not) and counted
 * over all examples and timesteps of the example data, every application of a reused layer pooled.
 *
 * @param layer the layer's name in the model
 * @param outputZeros zeros among the layer's output values (0 without example data)
 * @param outputValues all its output values over the example data (0 without example data)
 * @param inputZeros zeros among the values it reads: its input layer's output, or all its inputs'
 *     outputs together; an input layer reads the data
 * @param inputValues all the values it reads
 * @param zeroWeights kernel weights that are exactly zero (no biases, no normalization statistics)
 * @param kernelWeights all its kernel weights: 0 for a layer without kernels
 * @param params its parameters, as Keras counts them
 * @param connections its connections per timestep (synaptic operations)
 * @param neurons its neuron updates per timestep
 * @param fedBySpikes whether every input is spikes (from {@code spikingActivation}, possibly
 *     through flatten, reshape or dropout): its operations are then accumulates
 * @param precision the formats its weights and activations are stored in ({@link Precision#FLOAT32}
 *     unless an importer recorded others)
 * @param weightArrays the elements of each of its weight arrays, in its weight order, when its
 *     precision was recorded and they add up to {@code params}; empty otherwise
 */
public record LayerActivity(
    String layer,
    long outputZeros,
    long outputValues,
    long inputZeros,
    long inputValues,
    long zeroWeights,
    long kernelWeights,
    long params,
    long connections,
    long neurons,
    boolean fedBySpikes,
    Precision precision,
    List<Long> weightArrays) {

  /**
   * Checks and copies.
   *
   * @param layer the layer's name
   * @param outputZeros zeros among its outputs
   * @param outputValues all its output values
   * @param inputZeros zeros among the values it reads
   * @param inputValues all the values it reads
   * @param zeroWeights kernel weights that are zero
   * @param kernelWeights all its kernel weights
   * @param params its parameters
   * @param connections its connections per timestep
   * @param neurons its neuron updates per timestep
   * @param fedBySpikes whether every input is spikes
   * @param precision its weights' and activations' formats
   * @param weightArrays the elements of each weight array, or empty
   */
  public LayerActivity {
    Objects.requireNonNull(precision, "precision == null");
    weightArrays = List.copyOf(Objects.requireNonNull(weightArrays, "weightArrays == null"));
  }

  /**
   * Metrics of a float32 layer.
   *
   * @param layer the layer's name
   * @param outputZeros zeros among its outputs
   * @param outputValues all its output values
   * @param inputZeros zeros among the values it reads
   * @param inputValues all the values it reads
   * @param zeroWeights kernel weights that are zero
   * @param kernelWeights all its kernel weights
   * @param params its parameters
   * @param connections its connections per timestep
   * @param neurons its neuron updates per timestep
   * @param fedBySpikes whether every input is spikes
   */
  public LayerActivity(
      String layer,
      long outputZeros,
      long outputValues,
      long inputZeros,
      long inputValues,
      long zeroWeights,
      long kernelWeights,
      long params,
      long connections,
      long neurons,
      boolean fedBySpikes) {
    this(
        layer,
        outputZeros,
        outputValues,
        inputZeros,
        inputValues,
        zeroWeights,
        kernelWeights,
        params,
        connections,
        neurons,
        fedBySpikes,
        Precision.FLOAT32,
        List.of());
  }

  /** {@return the fraction of the layer's outputs that are zero; NaN without example data} */
  public double activationSparsity() {
    return fraction(outputZeros, outputValues);
  }

  /** {@return the fraction of the values it reads that are zero; NaN without example data} */
  public double inputSparsity() {
    return fraction(inputZeros, inputValues);
  }

  /** {@return the fraction of its kernel weights that are zero; NaN for a layer without kernels} */
  public double weightSparsity() {
    return fraction(zeroWeights, kernelWeights);
  }

  /**
   * {@return the bytes its weight arrays take as stored: each array's elements &times; the bytes of
   * its format ({@link Precision#weight(int)}), summed}; params &times; 4 for a float32 layer, and
   * params &times; the bytes of its main weights' format when its arrays are not known
   *
   * @throws IllegalArgumentException if the sum passes {@code 2^63-1}, naming the layer
   */
  public long footprintBytes() {
    if (weightArrays.isEmpty()) {
      return footprintBytes(precision.mainWeights());
    }
    long sum = 0;
    for (int i = 0; i < weightArrays.size(); i++) {
      long bytes = exact(weightArrays.get(i), precision.weight(i).bytes(), "footprint");
      try {
        sum = Math.addExact(sum, bytes);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("layer '" + layer + "': its footprint passes 2^63-1", e);
      }
    }
    return sum;
  }

  /**
   * {@return the bytes its parameters take in {@code dtype}: params &times; bytes per parameter}
   *
   * @param dtype the storage format
   * @throws IllegalArgumentException if the product passes {@code 2^63-1}, naming the layer
   */
  public long footprintBytes(Dtype dtype) {
    return exact(params, dtype.bytes(), "footprint");
  }

  /**
   * {@return the operations of one inference as if every input were non-zero: connections &times;
   * timesteps}
   *
   * @param timesteps the timesteps per inference
   * @throws IllegalArgumentException if the product passes {@code 2^63-1}, naming the layer
   */
  public long denseOps(int timesteps) {
    return exact(connections, timesteps, "dense operations");
  }

  /**
   * {@return the multiply-accumulates of one inference that see a non-zero input: connections
   * &times; (1 &minus; input sparsity) &times; timesteps, for a layer not fed by spikes (0
   * otherwise); NaN without example data}
   *
   * @param timesteps the timesteps per inference
   */
  public double effectiveMacs(int timesteps) {
    return fedBySpikes ? 0 : effective(timesteps);
  }

  /**
   * {@return the accumulates of one inference: for a layer fed by spikes, connections &times; (1
   * &minus; input sparsity) &times; timesteps, one per synapse of each spike (0 otherwise); NaN
   * without example data}
   *
   * @param timesteps the timesteps per inference
   */
  public double effectiveAcs(int timesteps) {
    return fedBySpikes ? effective(timesteps) : 0;
  }

  private double effective(int timesteps) {
    // No connections: nothing to do, with or without data.
    return connections == 0 ? 0 : connections * (1 - inputSparsity()) * timesteps;
  }

  private long exact(long a, long b, String what) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "layer '" + layer + "': its " + what + " (" + a + " x " + b + ") pass 2^63-1", e);
    }
  }

  static double fraction(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
