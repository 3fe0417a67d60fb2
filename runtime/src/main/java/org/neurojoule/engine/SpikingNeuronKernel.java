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
    private double[] x;
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
      x = Buffers.doubles(Buffers.times(maxN, size), what + ": its input");
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
      int len = n * units;
      for (int j = 0; j < len; j++) {
        x[j] = in[j];
      }
      if (previous != null) {
        for (int b = 0; b < n; b++) {
          int base = b * units;
          for (int from = 0; from < units; from++) {
            float z = previous[base + from];
            if (z == 0) {
              continue;
            }
            events += units;
            int row = from * units;
            for (int to = 0; to < units; to++) {
              x[base + to] += (double) z * recurrentKernel[row + to];
            }
          }
          if (recurrentBias != null) {
            for (int to = 0; to < units; to++) {
              x[base + to] += recurrentBias[to];
            }
          }
        }
      }
      dynamics.step(n, x, output);
      if (previous != null) {
        System.arraycopy(output, 0, previous, 0, len);
      }
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
