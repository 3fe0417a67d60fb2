package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.SpikingNeuron;
import org.neurojoule.shape.Shape;

/**
 * Spiking neurons ({@link NeuronDynamics}), in the spiking simulation only: a neuron's state
 * carries across timesteps, which the firing-rate pass has none of. A recurrent neuron adds its
 * previous step's spikes through its recurrent weights to its input, and counts those events
 * itself: {@code units} per spike.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class SpikingNeuronKernel implements Kernel<SpikingNeuron> {
  @Override
  public Class<SpikingNeuron> spec() {
    return SpikingNeuron.class;
  }

  @Override
  public Op op(SpikingNeuron spec, KernelInput layer) {
    return null;
  }

  @Override
  public Op stepOp(SpikingNeuron spec, KernelInput layer) {
    return new NeuronOp(spec, layer);
  }

  /** One step of a layer of neurons, on a mini-batch of sequences. */
  static final class NeuronOp extends StepOp {
    private final SpikingNeuron spec;
    private final KernelInput layer;
    private NeuronDynamics dynamics;

    /** Each part's input row: the step's input plus the recurrent sums. */
    private double[][] rows;

    private final double[] partEvents = new double[Parallel.THREADS];
    private final long[] partNonzero = new long[Parallel.THREADS];
    private long outputNonzero;
    private float[] previous;
    private float[] recurrentKernel;
    private float[] recurrentBias;
    private int units;
    private double events;

    NeuronOp(SpikingNeuron spec, KernelInput layer) {
      this.spec = spec;
      this.layer = layer;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      String what = layer.layer() + " on a step of " + Shape.of(out).toKerasString();
      int size = Buffers.intSize(Buffers.prod(out, 0, out.length), what);
      units = size;
      KernelInput.Timestep clock = layer.timestep();
      dynamics = new NeuronDynamics(spec, size, maxN, clock, layer.layer());
      rows = new double[Parallel.THREADS][dynamics.blockRows * size];
      if (spec.recurrent()) {
        float[][] weights = layer.weights();
        if (weights[0].length != (long) size * size
            || (weights.length > 1 && weights[1].length != size)) {
          // The declared shape's units (a leading None is time) can differ from the step's.
          throw new IllegalArgumentException(
              what
                  + ": its recurrent weights are for "
                  + Math.round(Math.sqrt(weights[0].length))
                  + " units, but the step has "
                  + size
                  + " units; give the layer's input a defined size after its first dimension");
        }
        recurrentKernel = weights[0];
        recurrentBias = weights.length > 1 ? weights[1] : null;
        previous = Buffers.floats(Buffers.times(maxN, size), what + ": its previous spikes");
      }
    }

    @Override
    void startSequences(int n) {
      dynamics.reset(n);
      if (previous != null) {
        java.util.Arrays.fill(previous, 0);
      }
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] in = inputs[0];
      java.util.Arrays.fill(partEvents, 0);
      java.util.Arrays.fill(partNonzero, 0);
      // Sequences are independent: split them, enough units per part to pay for a thread.
      int grain = Math.max(1, Math.min(n, 16384 / Math.max(1, units)));
      Parallel.forParts(n, grain, (part, from, to) -> runRows(part, from, to, in, output));
      double e = 0;
      long nonzero = 0;
      for (int p = 0; p < Parallel.THREADS; p++) {
        e += partEvents[p];
        nonzero += partNonzero[p];
      }
      events += e;
      outputNonzero = nonzero;
      if (previous != null) {
        System.arraycopy(output, 0, previous, 0, n * units);
      }
    }

    /**
     * Sequences [from, to) of one step, a block of rows at a time on part {@code part}'s scratch.
     */
    private void runRows(int part, int from, int to, float[] in, float[] output) {
      double[] x = rows[part];
      long e = 0;
      long nonzero = 0;
      int block = dynamics.blockRows;
      for (int b0 = from; b0 < to; b0 += block) {
        int count = Math.min(block, to - b0);
        int len = count * units;
        int first = b0 * units;
        for (int j = 0; j < len; j++) {
          x[j] = in[first + j];
        }
        if (previous != null) {
          for (int r = 0; r < count; r++) {
            int base = first + r * units;
            int at = r * units;
            for (int from0 = 0; from0 < units; from0++) {
              float z = previous[base + from0];
              if (z == 0) {
                continue;
              }
              e += units;
              int row = from0 * units;
              for (int t = 0; t < units; t++) {
                x[at + t] += (double) z * recurrentKernel[row + t];
              }
            }
            if (recurrentBias != null) {
              for (int t = 0; t < units; t++) {
                x[at + t] += recurrentBias[t];
              }
            }
          }
        }
        nonzero += dynamics.stepRows(part, b0, count, x, output);
      }
      partEvents[part] = e;
      partNonzero[part] = nonzero;
    }

    /**
     * {@return the nonzero outputs of the last step when every output is 0 or 1 (their Σ|x| too),
     * else -1}
     */
    @Override
    long binaryNonzero() {
      return dynamics.binary() ? outputNonzero : -1;
    }

    @Override
    boolean countsOwnEvents() {
      return true;
    }

    @Override
    double takeEvents() {
      double e = events;
      events = 0;
      return e;
    }

    @Override
    double[] state() {
      return dynamics.v;
    }
  }
}
