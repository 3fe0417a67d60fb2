package org.neurojoule.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Reset;
import org.neurojoule.SpikeCounts;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.Layers;
import org.neurojoule.shape.Shape;

/**
 * The spiking simulation: sequences {@code (N, T, step...)} run step by step through a model
 * declared per timestep, neuron layers keeping their state ({@link NeuronDynamics}) across the
 * steps of a sequence and starting from 0 for each sequence.
 *
 * <p>Every layer runs on the op its {@link Kernel} gives for a step ({@link Kernel#stepOp}), found
 * through {@link Kernels} as the firing-rate pass finds its own, one timestep of a mini-batch of
 * sequences at a time: stateless layers on the firing-rate pass's ops, neurons, delays (by {@code
 * round(delay / dt)} steps per unit), scales and sum pooling on ops of their own. Per layer it
 * counts the spikes emitted (nonzero outputs of spiking layers; for an input layer the data's
 * nonzero values) and the synaptic events they cause in the layers they feed (each nonzero input
 * value times its fan-out, {@link org.neurojoule.layer.LayerSpec#fanOutPerPosition}; a recurrent
 * neuron's own spikes of the previous step times its units), and each layer's mean |input| per step
 * over all steps divided by dt, the rate-based estimate's firing rate in Hz (KerasSpiking's spikes
 * have amplitude 1/dt; here a spike is 1 per step). Memory: the mini-batch's sequences, one step's
 * buffers and the neurons' state, never the whole data.
 */
public final class SpikingSimulation implements AutoCloseable {
  /** What one run gives: the counts and each layer's mean |input| over every step. */
  public record Result(SpikeCounts counts, Map<Layer, Double> rates) {}

  /** Hears each neuron layer after each step, for tests: first {@code n} sequences' state. */
  interface StepListener {
    void step(Layer layer, int t, double[] v, float[] out, int n);
  }

  private final Model model;
  private final Ctx ctx = new Ctx(Gemm.best());

  /** Each part's |x| sum and zero count for {@link #countOutput}, reused every step. */
  private final double[] outputParts = new double[2 * Parallel.THREADS];

  private final List<Sim> sims = new ArrayList<>();
  private final Map<Tensor, Sim> byTensor = new IdentityHashMap<>();
  private final Sim input;
  private final int[] step;
  private final int maxN;
  private final String dataText;

  /** A node of the simulation with what it counts. */
  private static final class Sim {
    final Node node;
    final Sim[] inputs;

    /** The inputs' buffers for the step's op, one array reused every step. */
    final float[][] inputBuffers;

    Op op;
    Epilogue epi;

    /** The op's event-driven form for sparse input, or null. */
    EventSynapses sparse;

    /** The fan-out per value of one row of the sparse form's input, when it counts events. */
    long[] sparseFan;

    long[][] fanOut;
    double[] uniformFanOut;
    boolean countsEvents;
    boolean countsSpikes;
    long spikes;
    double events;
    double absOut;

    /** The zeros among the first n sequences' values of this step's output buffer. */
    long zerosOut;

    double absIn;
    long inCount;

    Sim(Node node, Sim[] inputs) {
      this.node = node;
      this.inputs = inputs;
      this.inputBuffers = new float[inputs.length][];
    }
  }

  SpikingSimulation(
      Model model,
      int[] stepShape,
      int maxN,
      double dt,
      Reset reset,
      Accounting accounting,
      String dataText) {
    this.model = model;
    this.step = stepShape.clone();
    this.maxN = maxN;
    this.dataText = dataText;
    for (Tensor t : model.executionOrder()) {
      Sim[] ins = t.inputs().stream().map(byTensor::get).toArray(Sim[]::new);
      Node[] nodes = Arrays.stream(ins).map(s -> s.node).toArray(Node[]::new);
      Sim sim =
          new Sim(
              new Node(
                  sims.size(),
                  t,
                  t.layer(),
                  nodes,
                  model.nameOf(t.layer()),
                  model.indexOf(t.layer())),
              ins);
      sims.add(sim);
      byTensor.put(t, sim);
    }
    this.input = byTensor.get(model.inputs().get(0));
    try {
      for (Sim s : sims) {
        compile(s, dt, reset, accounting);
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** For an imported model: the options that give a shorter dt or exact integration. */
  private String overshootAdvice() {
    return model
        .provenance()
        .map(
            p ->
                " ("
                    + p.dtOption()
                    + "), or integrate exactly ("
                    + p.exactIntegrationOption()
                    + ")")
        .orElse("");
  }

  private String name(Sim s) {
    return "layer '" + model.nameOf(s.node.layer) + "' (" + s.node.spec.type() + ")";
  }

  private void compile(Sim s, double dt, Reset reset, Accounting accounting) {
    Node node = s.node;
    int[][] in = Arrays.stream(s.inputs).map(x -> x.node.shape).toArray(int[][]::new);
    List<Shape> inShapes = Arrays.stream(in).map(Shape::of).toList();
    node.shape = node.spec.isInput() ? step.clone() : node.spec.outputShape(inShapes).toArray();
    node.size = Buffers.prod(node.shape, 0, node.shape.length);
    String what = name(s) + " on a step of " + Shape.of(node.shape).toKerasString();
    int size = Buffers.intSize(node.size, what);
    s.countsSpikes = node.spec.isInput() || node.spec.emitsSpikes();
    if (node.spec.isInput()) {
      node.buffer = Buffers.floats(Buffers.times(maxN, size), what + ": its step buffer");
      return;
    }
    LayerStats stats =
        Layers.stats(
                model.indexOf(node.layer),
                model.nameOf(node.layer),
                node.spec,
                inShapes,
                Shape.of(node.shape),
                accounting)
            .orElse(LayerStats.NONE);
    s.op =
        Kernels.stepOp(
            node.spec,
            new KernelInput(
                () -> weights(node),
                in,
                name(s),
                new KernelInput.Timestep(dt, reset, model.integration(), overshootAdvice())));
    if (s.op == null) {
      throw new UnsupportedOperationException(
          name(s) + " cannot run in NeuroJoule's spiking" + " simulation yet");
    }
    s.op.prepare(ctx, in, node.shape, maxN);
    if (s.op.fuses()) {
      s.epi = new Epilogue(new Stage[] {s.op.ownStage()}, new Node[] {node});
    }
    node.buffer =
        s.op instanceof AliasOp
            ? s.inputs[0].node.buffer
            : Buffers.floats(Buffers.times(maxN, size), what + ": its step buffer");
    s.countsEvents =
        stats.connections() > 0 && !(s.op instanceof StepOp stateful && stateful.countsOwnEvents());
    if (s.countsEvents) {
      long inSize = Arrays.stream(s.inputs).mapToLong(x -> x.node.size).sum();
      s.fanOut = new long[in.length][];
      s.uniformFanOut = new double[in.length];
      for (int i = 0; i < in.length; i++) {
        s.fanOut[i] = in.length == 1 ? fanOutPerPosition(node, in[i]) : null;
        s.uniformFanOut[i] = node.spec.fanOutPerValue(stats.connections(), inSize);
      }
    }
    if (in.length == 1) {
      s.sparse = EventSynapses.of(s.op);
      long[] fan = s.countsEvents ? s.fanOut[0] : null;
      if (s.sparse != null && fan != null && fan.length == s.sparse.inSize) {
        s.sparseFan = fan;
      }
    }
  }

  /** The spec's exact fan-out per input position, or null (also for an input with no values). */
  private static long[] fanOutPerPosition(Node node, int[] in) {
    for (int d : in) {
      if (d <= 0) {
        return null;
      }
    }
    return node.spec.fanOutPerPosition(Shape.of(in)).orElse(null);
  }

  private float[][] weights(Node node) {
    List<float[]> given = node.layer.weights();
    return given.isEmpty()
        ? WeightInit.defaults(
            node.layer, model, Forward.DEFAULT_WEIGHT_SEED, model.indexOf(node.layer))
        : given.toArray(float[][]::new);
  }

  /**
   * Runs {@code n} sequences of {@code steps} steps held in {@code seqs} (sequence-major, each
   * {@code steps x step} values), the first being the data's sequence {@code first}.
   */
  void run(float[] seqs, int n, int steps, long first, StepListener listener) {
    int stepSize = input.node.buffer.length / maxN;
    for (Sim s : sims) {
      if (s.op instanceof StepOp stateful) {
        stateful.startSequences(n);
      }
    }
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < n; b++) {
        System.arraycopy(
            seqs, (b * steps + t) * stepSize, input.node.buffer, b * stepSize, stepSize);
      }
      for (Sim s : sims) {
        runStep(s, n, t, first, listener);
      }
    }
  }

  private void runStep(Sim s, int n, int t, long first, StepListener listener) {
    Node node = s.node;
    int len = Math.toIntExact(n * node.size);
    for (Sim in : s.inputs) {
      s.absIn += in.absOut;
      s.inCount += n * in.node.size;
    }
    boolean sparse = s.sparse != null && density(s.inputs[0], n) <= EventSynapses.MAX_DENSITY;
    if (s.countsEvents && !(sparse && s.sparseFan != null)) {
      countEvents(s, n);
    }
    try {
      if (sparse) {
        Node in = s.inputs[0].node;
        int rows = Math.toIntExact(n * in.size / s.sparse.inSize);
        s.events += s.sparse.run(rows, in.buffer, node.buffer, s.op.ownStage(), s.sparseFan);
      } else if (s.op != null && !(s.op instanceof AliasOp)) {
        // Filled by a loop, not a stream: a stream's set-up costs more than a small step's work.
        float[][] in = s.inputBuffers;
        for (int i = 0; i < in.length; i++) {
          in[i] = s.inputs[i].node.buffer;
        }
        s.op.run(ctx, n, in, node.buffer, s.epi);
        if (s.epi != null) {
          // The epilogue keeps each part's sums until finish(); without it they pile up per step.
          s.epi.finish();
        }
        if (s.op instanceof StepOp stateful) {
          s.events += stateful.takeEvents();
          if (listener != null && stateful.state() != null) {
            listener.step(node.layer, t, stateful.state(), node.buffer, n);
          }
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name(s)
              + " at step "
              + t
              + " of sequences "
              + first
              + " to "
              + (first + n - 1)
              + dataText
              + ": "
              + e.getMessage(),
          e);
    }
    long binary = s.op instanceof StepOp stateful ? stateful.binaryNonzero() : -1;
    if (binary >= 0) {
      // Spikes are 0 or 1: their sum is their count, exactly the sum countOutput would take.
      s.absOut = binary;
      s.zerosOut = len - binary;
    } else {
      countOutput(s, len);
    }
    if (!Double.isFinite(s.absOut)) {
      String what =
          node == input.node
              ? "the example data holds values that are not finite"
              : name(s) + " produces values beyond float32's range (|x| > 3.4028235E38) or NaN";
      throw new IllegalArgumentException(
          what + " at step " + t + " of sequences " + first + " to " + (first + n - 1) + dataText);
    }
    if (node == input.node) {
      s.absIn += s.absOut;
      s.inCount += len;
    }
    if (s.countsSpikes) {
      s.spikes += len - s.zerosOut;
    }
  }

  /** The share of nonzero values in the first {@code n} sequences' step output of {@code s}. */
  private static double density(Sim s, int n) {
    double all = (double) n * s.node.size;
    return all == 0 ? 1 : (all - s.zerosOut) / all;
  }

  /**
   * Sets {@code s.absOut} to Σ|buffer[0 .. len)| and {@code s.zerosOut} to its zeros in one pass
   * over the values. The parts are those of {@link Forward#parallelAbsSum} and are added in the
   * same order, so the sum is its sum bit for bit; a buffer below two parts' worth is counted on
   * this thread.
   */
  private void countOutput(Sim s, int len) {
    float[] v = s.node.buffer;
    double[] parts = outputParts;
    Arrays.fill(parts, 0);
    int per = Math.max(Forward.MIN_ABS_PART, (len + Parallel.THREADS - 1) / Parallel.THREADS);
    if (len < 2 * per) {
      AbsSum.withZeros(v, 0, len, parts, 0, 1);
    } else {
      Parallel.forParts(
          len,
          per,
          (part, from, to) -> AbsSum.withZeros(v, from, to - from, parts, 2 * part, 2 * part + 1));
    }
    double sum = 0;
    long zeros = 0;
    for (int p = 0; p < Parallel.THREADS; p++) {
      sum += parts[2 * p];
      zeros += (long) parts[2 * p + 1];
    }
    s.absOut = sum;
    s.zerosOut = zeros;
  }

  private void countEvents(Sim s, int n) {
    for (int i = 0; i < s.inputs.length; i++) {
      Node in = s.inputs[i].node;
      int size = (int) in.size;
      long[] fan = s.fanOut[i];
      if (fan == null) {
        // The input ran earlier in this step and counted its output's zeros then.
        long nonzero = n * in.size - s.inputs[i].zerosOut;
        s.events += nonzero * s.uniformFanOut[i];
        continue;
      }
      long sum = 0;
      for (int b = 0; b < n; b++) {
        int base = b * size;
        for (int p = 0; p < size; p++) {
          if (in.buffer[base + p] != 0) {
            sum += fan[p];
          }
        }
      }
      s.events += sum;
    }
  }

  /** The counts per inference: the totals over {@code sequences} sequences of {@code steps}. */
  private Result result(long sequences, int steps, double dt) {
    Map<String, SpikeCounts.Layer> layers = new LinkedHashMap<>();
    Map<Layer, Double> rates = new LinkedHashMap<>();
    for (Layer layer : model.layers()) {
      long spikes = 0;
      double events = 0;
      double rate = 0;
      for (Tensor app : model.applications(layer)) {
        Sim s = byTensor.get(app);
        spikes += s.spikes;
        events += s.events;
        // In Hz, as KerasSpiking's spikes of amplitude 1/dt: a 0/1 spike per step is 1/dt.
        rate += s.inCount == 0 ? Double.NaN : s.absIn / s.inCount / dt;
      }
      layers.put(
          model.nameOf(layer),
          new SpikeCounts.Layer(spikes / (double) sequences, events / sequences));
      rates.put(layer, rate);
    }
    return new Result(new SpikeCounts(dt, steps, sequences, layers), rates);
  }

  /**
   * Simulates {@code data} ({@code (N, T, step...)}, the step's shape the model input's) with
   * timestep {@code dt}, in mini-batches of at most {@code batchSize} sequences.
   *
   * @throws IllegalArgumentException naming the data's and the model's shapes if they do not fit,
   *     for {@code dt} not in (0, 1000] s, for data that is not finite, or naming the layer that
   *     cannot run
   */
  public static Result simulate(
      Model model, ExampleData data, double dt, Reset reset, int batchSize, Accounting accounting) {
    return simulate(model, data, dt, reset, batchSize, accounting, null);
  }

  static Result simulate(
      Model model,
      ExampleData data,
      double dt,
      Reset reset,
      int batchSize,
      Accounting accounting,
      StepListener listener) {
    if (!(dt > 0 && dt <= 1000)) {
      throw new IllegalArgumentException(
          "the spiking simulation's dt must be a number of"
              + " seconds > 0 and <= 1000, was "
              + dt);
    }
    if (dt < Float.MIN_VALUE) {
      throw new IllegalArgumentException(
          "the spiking simulation's dt of "
              + dt
              + " s is below"
              + " float32's smallest positive number ("
              + Float.MIN_VALUE
              + "): its firing rates (per"
              + " step / dt) would not be finite");
    }
    int[] shape = data.shape();
    int[] stepShape = stepShape(model, data);
    int total = shape[0];
    int steps = shape[1];
    if (total == 0) {
      throw new IllegalArgumentException(
          "example data ("
              + data.source()
              + ") holds no"
              + " sequences, so no spikes can be counted per inference");
    }
    int maxN = Math.max(1, Math.min(batchSize, total));
    String text = " (example data of shape " + pyShape(shape) + ")";
    long stepSize = Buffers.prod(stepShape, 0, stepShape.length);
    float[] seqs =
        Buffers.floats(
            Buffers.times(Buffers.times(maxN, steps), stepSize),
            "the spiking simulation: "
                + maxN
                + " sequences of "
                + steps
                + " steps of "
                + Shape.of(stepShape).toKerasString());
    try (SpikingSimulation sim =
        new SpikingSimulation(model, stepShape, maxN, dt, reset, accounting, text)) {
      for (int first = 0; first < total; first += maxN) {
        int n = Math.min(maxN, total - first);
        data.copyExamples(first, n, seqs, 0);
        sim.run(seqs, n, steps, first, listener);
      }
      return sim.result(total, steps, dt);
    }
  }

  /** The bytes of sequences {@link #miniBatch} lets a mini-batch hold. */
  static final long MINI_BATCH_BYTES = 32L << 20;

  /** The most sequences {@link #miniBatch} puts in a mini-batch. */
  static final int MAX_MINI_BATCH = 8192;

  /**
   * The sequences per mini-batch for {@code data}: at least {@code batchSize}, and more for short
   * sequences of small steps, up to 32 MB of sequences or 8192 of them, so that each step's layers
   * run as a few large calls over many sequences instead of many small ones. The counts do not
   * depend on it.
   *
   * @param batchSize the least number of sequences per mini-batch
   * @param data sequences {@code (N, T, step...)}
   */
  public static int miniBatch(int batchSize, ExampleData data) {
    int[] shape = data.shape();
    long perSequence = 4L * Math.max(1, Buffers.prod(shape, 1, shape.length));
    long fits = Math.min(MAX_MINI_BATCH, MINI_BATCH_BYTES / perSequence);
    return (int) Math.max(batchSize, Math.min(fits, shape.length > 0 ? shape[0] : 0));
  }

  /**
   * The shape of one step: the data's {@code (N, T, step...)} without N and T, checked against the
   * model input.
   */
  static int[] stepShape(Model model, ExampleData data) {
    if (model.inputs().size() != 1) {
      throw new IllegalArgumentException(
          "the spiking simulation takes one input, but the model"
              + " has "
              + model.inputs().size()
              + " inputs");
    }
    Shape expected = model.inputs().get(0).shape();
    int[] shape = data.shape();
    int[] stepShape = shape.length < 2 ? new int[0] : Arrays.copyOfRange(shape, 2, shape.length);
    boolean fits = shape.length >= 2 && stepShape.length == expected.rank();
    for (int i = 0; fits && i < stepShape.length; i++) {
      fits = expected.get(i) == Shape.NONE || expected.get(i) == stepShape[i];
    }
    if (!fits) {
      String model0 = expected.toKerasString();
      throw new IllegalArgumentException(
          "example data ("
              + data.source()
              + ") has shape "
              + pyShape(shape)
              + ", but the spiking simulation takes sequences (N, T, step...) of"
              + " the model's step shape "
              + model0.replace("None, ", "")
              + ": (N, T, "
              + model0.substring(7));
    }
    return stepShape;
  }

  private static String pyShape(int[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return s.append(shape.length == 1 ? ",)" : ")").toString();
  }

  @Override
  public void close() {
    for (Sim s : sims) {
      if (s.op != null) {
        s.op.close();
      }
    }
  }
}
