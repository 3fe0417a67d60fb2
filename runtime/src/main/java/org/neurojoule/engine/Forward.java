package org.neurojoule.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * A model compiled for the forward pass: one {@link Node} per layer application in execution order,
 * element-wise layers fused into the kernel that produces their input where that input is used by
 * nothing else, and buffers sized for a maximum batch.
 *
 * <p>Each run adds every tensor's Σ|x| and element count, so firing rates come out of any number of
 * batches without keeping activations.
 */
public final class Forward implements AutoCloseable {
  /** Seed of the default weights of layers that have none set. */
  static final long DEFAULT_WEIGHT_SEED = 0;

  /** Seed of the initial voltages of spiking layers that were given none. */
  static final long DEFAULT_SPIKING_SEED = 0;

  /**
   * The model, while compiling only: dropped at the end of the constructor, so that a cached pass
   * never keeps its model (and the model's cache) alive.
   */
  private Model model;

  final List<Node> nodes = new ArrayList<>();
  final Map<Tensor, Node> byTensor = new IdentityHashMap<>();
  final Node input;
  final Ctx ctx;
  private int maxN;
  private boolean closed;

  /**
   * Compiles {@code model} for examples of {@code exampleShape} in batches of at most {@code maxN}.
   */
  Forward(Model model, int[] exampleShape, int maxN, Gemm gemm) {
    this.model = model;
    this.ctx = new Ctx(gemm);
    this.maxN = maxN;
    if (model.inputs().size() != 1) {
      throw new IllegalArgumentException(
          "firing rates from example data need a model with one"
              + " input; this one has "
              + model.inputs().size());
    }
    for (Tensor t : model.executionOrder()) {
      Node[] ins = t.inputs().stream().map(byTensor::get).toArray(Node[]::new);
      Node node =
          new Node(
              nodes.size(), t, t.layer(), ins, model.nameOf(t.layer()), model.indexOf(t.layer()));
      nodes.add(node);
      byTensor.put(t, node);
      for (Node in : ins) {
        in.consumers.add(node);
      }
    }
    this.input = byTensor.get(model.inputs().get(0));
    this.example = exampleShape.clone();
    try {
      shapes(exampleShape);
      // Every output must fit one array before any op is made: some ops size per-channel
      // constants by their input (a rescaling of 2^31-1 channels).
      for (Node node : nodes) {
        Buffers.requireFloats(Buffers.times(maxN, node.size), () -> outputBuffer(node));
      }
      for (Node node : nodes) {
        node.op = inLayer(node, () -> opFor(node));
      }
      fuse();
      // Every output buffer must fit in one array before a layer's op allocates scratch for it
      // (a batched matMul's offsets, a native convolution's buffers), not only in allocate().
      for (Node node : nodes) {
        if (node.fusedInto == null) {
          Node holder = node.last();
          Buffers.requireFloats(Buffers.times(maxN, holder.size), () -> outputBuffer(holder));
        }
      }
      for (Node node : nodes) {
        if (node.spec.isInput() || node.fusedInto != null) {
          continue;
        }
        int[][] in = Arrays.stream(node.inputs).map(x -> x.shape).toArray(int[][]::new);
        inLayer(
            node,
            () -> {
              node.op.prepare(ctx, in, node.last().shape, maxN);
              return null;
            });
      }
      allocate();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    } finally {
      this.model = null;
    }
  }

  /** The shape of one example, without the batch. */
  private final int[] example;

  /** Runs {@code step} for {@code node}; an error from it names the layer and the data's shape. */
  private <T> T inLayer(Node node, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (ShapeException e) {
      if (e.layerName().isPresent()) {
        throw e;
      }
      throw ShapeException.of(e.error(), e.inputShapes(), e.detail() + withData())
          .inLayer(node.index, node.name, node.spec.describe());
    } catch (RuntimeException e) {
      String name = "layer '" + node.name + "'";
      if (e.getMessage() != null && e.getMessage().startsWith(name)) {
        throw e;
      }
      throw new IllegalArgumentException(
          name
              + " ("
              + node.spec.type()
              + ") on its input "
              + Arrays.stream(node.inputs)
                  .map(x -> Shape.of(x.shape).toKerasString())
                  .collect(java.util.stream.Collectors.joining(", "))
              + withData()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private String withData() {
    return " (example data of shape " + Shape.of(example).toKerasString() + ")";
  }

  // ---------------------------------------------------------------- compile

  private void shapes(int[] example) {
    for (Node node : nodes) {
      if (node.spec.isInput()) {
        node.shape = example.clone();
      } else {
        List<Shape> in = Arrays.stream(node.inputs).map(x -> Shape.of(x.shape)).toList();
        int[] out = inLayer(node, () -> node.spec.outputShape(in).toArray());
        if (node.spec.wrapped().isPresent()) {
          out[0] = node.inputs[0].shape[0];
        }
        for (int d : out) {
          if (d == Shape.NONE) {
            throw new IllegalArgumentException(
                "layer '"
                    + model.nameOf(node.layer)
                    + "' has an undefined output dimension "
                    + Shape.of(out).toKerasString()
                    + " even with example data of shape "
                    + Shape.of(example).toKerasString());
          }
        }
        node.shape = out;
      }
      node.size = Buffers.prod(node.shape, 0, node.shape.length);
    }
  }

  private Op opFor(Node node) {
    LayerSpec spec = node.spec;
    if (spec.isInput()) {
      return null;
    }
    if (spec.wrapped().isPresent()) {
      Op inner = opFor(node, spec.wrapped().get());
      // Per-step reshapes and element-wise layers work on the whole (batch, time, ...) block.
      return inner instanceof AliasOp || inner instanceof ElementwiseOp
          ? inner
          : new TimeDistributedOp(inner);
    }
    return opFor(node, spec);
  }

  private Op opFor(Node node, LayerSpec spec) {
    int[][] in = Arrays.stream(node.inputs).map(x -> x.shape).toArray(int[][]::new);
    Op op = Kernels.op(spec, new KernelInput(() -> weights(node), in));
    if (op != null) {
      return op;
    }
    throw new UnsupportedOperationException(
        "layer '"
            + model.nameOf(node.layer)
            + "' ("
            + spec.type()
            + ") cannot run in NeuroJoule's forward pass, so firing rates from example"
            + " data are not available for this model");
  }

  /** The node's layer weights, checked against the shapes this input needs. */
  private float[][] weights(Node node) {
    Layer layer = node.layer;
    List<Shape> in = Arrays.stream(node.inputs).map(x -> Shape.of(x.shape)).toList();
    List<WeightShapes.Weight> expected = WeightShapes.of(node.spec, in);
    List<float[]> given = layer.weights();
    float[][] w =
        given.isEmpty()
            ? WeightInit.defaults(layer, model, DEFAULT_WEIGHT_SEED, model.indexOf(layer))
            : given.toArray(float[][]::new);
    // Also for default weights: they are made for the layer's first input, and a kernel must
    // never read past them.
    boolean fits = w.length == expected.size();
    for (int i = 0; fits && i < w.length; i++) {
      fits = w[i].length == WeightInit.length(expected.get(i));
    }
    if (!fits) {
      List<Integer> sizes = Arrays.stream(w).map(a -> a.length).toList();
      throw new IllegalArgumentException(
          "layer '"
              + model.nameOf(layer)
              + "' ("
              + node.spec.type()
              + ") needs weights "
              + expected
              + " for its input "
              + Shape.of(node.inputs[0].shape).toKerasString()
              + ", but holds "
              + (given.isEmpty()
                  ? "default weights (made for its first input) of sizes "
                  : "arrays of sizes ")
              + sizes);
    }
    return w;
  }

  /** Fuses element-wise layers into the kernel producing their only input. */
  private void fuse() {
    java.util.Set<Tensor> outputs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    outputs.addAll(model.outputs());
    for (Node node : nodes) {
      if (node.fusedInto != null || node.op == null || !node.op.fuses()) {
        continue;
      }
      Node tail = node;
      while (tail.consumers.size() == 1 && !outputs.contains(tail.tensor)) {
        Node next = tail.consumers.get(0);
        if (!(next.op instanceof ElementwiseOp) || next.inputs.length != 1) {
          break;
        }
        next.fusedInto = node;
        node.chain.add(next);
        tail = next;
      }
    }
  }

  private Epilogue epilogueOf(Node host) {
    int len = 1 + host.chain.size();
    Stage[] stages = new Stage[len];
    Node[] targets = new Node[len];
    stages[0] = host.op.ownStage();
    targets[0] = host;
    for (int i = 0; i < host.chain.size(); i++) {
      Node next = host.chain.get(i);
      stages[i + 1] = ((ElementwiseOp) next.op).stage;
      targets[i + 1] = next;
    }
    return new Epilogue(stages, targets);
  }

  private final Map<Node, Epilogue> epilogues = new IdentityHashMap<>();

  /** What an output buffer is for, in an error; built only then. */
  private String outputBuffer(Node holder) {
    return "layer '"
        + model.nameOf(holder.layer)
        + "': its output buffer for "
        + maxN
        + (maxN == 1 ? " example" : " examples")
        + " of "
        + Shape.of(holder.shape).toKerasString();
  }

  /**
   * Gives every materialized tensor a buffer, reusing a buffer once its last reader has run (so
   * memory follows the widest point of the model, not its depth). Aliases share their input's
   * buffer; model outputs keep theirs.
   */
  private void allocate() {
    Map<Node, Integer> lastUse = new IdentityHashMap<>();
    java.util.Set<Tensor> outputs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    outputs.addAll(model.outputs());
    for (Node node : nodes) {
      for (Node in : node.inputs) {
        lastUse.merge(holder(in), node.id, Math::max);
      }
      if (outputs.contains(node.tensor)) {
        lastUse.put(holder(node), Integer.MAX_VALUE);
      }
    }
    java.util.TreeMap<Integer, List<float[]>> free = new java.util.TreeMap<>();
    Map<Integer, List<Node>> releaseAt = new java.util.HashMap<>();
    for (Node node : nodes) {
      if (node.fusedInto == null) {
        if (node.op instanceof AliasOp) {
          node.buffer = node.inputs[0].buffer;
        } else {
          Node holder = node.last();
          long needed = Buffers.times(maxN, holder.size);
          Buffers.requireFloats(needed, () -> outputBuffer(holder));
          int need = (int) needed;
          Map.Entry<Integer, List<float[]>> fit = free.ceilingEntry(need);
          float[] buf;
          if (fit != null && fit.getKey() <= 2L * need + 4096) {
            buf = fit.getValue().remove(fit.getValue().size() - 1);
            if (fit.getValue().isEmpty()) {
              free.remove(fit.getKey());
            }
          } else {
            buf = Buffers.floats(need, () -> outputBuffer(holder));
          }
          holder.buffer = buf;
          if (node.op != null && node.op.fuses()) {
            epilogues.put(node, epilogueOf(node));
          }
          int last = lastUse.getOrDefault(holder, node.id);
          releaseAt.computeIfAbsent(last, x -> new ArrayList<>()).add(holder);
        }
      }
      for (Node done : releaseAt.getOrDefault(node.id, List.of())) {
        free.computeIfAbsent(done.buffer.length, x -> new ArrayList<>()).add(done.buffer);
      }
    }
  }

  /** The node whose buffer holds {@code node}'s values. */
  private static Node holder(Node node) {
    Node n = node;
    while (n.op instanceof AliasOp) {
      n = n.inputs[0];
    }
    return n;
  }

  // ---------------------------------------------------------------- run

  /** The buffer the engine reads the batch's input from: fill its first n examples. */
  float[] inputBuffer() {
    return input.buffer;
  }

  int maxBatch() {
    return maxN;
  }

  /**
   * Runs a batch of {@code n} examples (already in {@link #inputBuffer()}), the first of which is
   * the data's example {@code firstExample}.
   */
  void run(int n, long firstExample) {
    ctx.firstExample = firstExample;
    for (Node node : nodes) {
      node.batchStart = node.absSum;
      node.batchZeros = node.zeros;
    }
    for (Node node : nodes) {
      node.count += n * node.size;
      if (node.fusedInto != null) {
        continue;
      }
      if (node == input) {
        addSums(node, node.buffer, Math.toIntExact(n * node.size));
        continue;
      }
      if (node.op instanceof AliasOp) {
        Node from = node.inputs[0];
        node.absSum += from.absSum - from.batchStart;
        node.zeros += from.zeros - from.batchZeros;
        continue;
      }
      float[][] in = new float[node.inputs.length][];
      for (int i = 0; i < in.length; i++) {
        in[i] = node.inputs[i].buffer;
      }
      Node target = node.last();
      Epilogue epi = epilogues.get(node);
      long t0 = PROFILE ? System.nanoTime() : 0;
      inLayer(
          node,
          () -> {
            node.op.run(ctx, n, in, target.buffer, epi);
            return null;
          });
      if (epi != null) {
        epi.finish();
      } else {
        addSums(node, target.buffer, Math.toIntExact(n * node.size));
      }
      if (PROFILE) {
        node.nanos += System.nanoTime() - t0;
      }
    }
    requireFinite(n, firstExample);
  }

  /**
   * Values beyond float32's range (or NaN) inside the network would make a firing rate infinite or
   * NaN: refused, naming the first tensor (in execution order) that holds them.
   */
  private void requireFinite(int n, long firstExample) {
    for (Node node : nodes) {
      if (!Double.isFinite(node.absSum)) {
        String examples =
            n == 1
                ? "example " + firstExample
                : "examples " + firstExample + " to " + (firstExample + n - 1);
        String what =
            node == input
                ? "the example data holds values that are not finite"
                : "layer '"
                    + node.name
                    + "' ("
                    + node.spec.type()
                    + ") produces values beyond float32's range (|x| > 3.4028235E38) or NaN";
        throw new IllegalArgumentException(
            what
                + " on "
                + examples
                + withData()
                + ", so its firing rate would not be finite; scale the data or the weights down");
      }
    }
  }

  /**
   * With {@code -Dneurojoule.profile=true}, the time per kernel goes to standard error at close.
   */
  static final boolean PROFILE = Boolean.getBoolean("neurojoule.profile");

  void printProfile() {
    long total = nodes.stream().mapToLong(x -> x.nanos).sum();
    StringBuilder s =
        new StringBuilder(
            "neurojoule profile ("
                + ctx.gemm.name()
                + (ctx.gemm.dnnlConv() ? ", convolutions on oneDNN" : "")
                + "):\n");
    for (Node node : nodes) {
      if (node.nanos > 0) {
        s.append(
            String.format(
                java.util.Locale.ROOT,
                "  %-28s %8.1f ms %5.1f %%  %s%n",
                node.name + (node.chain.isEmpty() ? "" : "+" + node.chain.size()),
                node.nanos / 1e6,
                100.0 * node.nanos / total,
                Arrays.toString(node.last().shape)));
      }
    }
    long[] ph = MatMulCore.PHASES;
    s.append(
        String.format(
            java.util.Locale.ROOT,
            "  matmul phases (thread-ms): fill %.1f, multiply %.1f, epilogue %.1f%n",
            ph[0] / 1e6,
            ph[1] / 1e6,
            ph[2] / 1e6));
    long[] dp = NativeConv.PHASES;
    if (dp[1] > 0) {
      s.append(
          String.format(
              java.util.Locale.ROOT,
              "  oneDNN convolutions: copy in %.1f ms,"
                  + " convolve %.1f ms, copy out and epilogue %.1f thread-ms%n",
              dp[0] / 1e6,
              dp[1] / 1e6,
              dp[2] / 1e6));
    }
    System.err.print(s);
  }

  /** The fewest values worth a part of their own on another thread (some 40 µs of work). */
  private static final int MIN_SUM_PART = 1 << 16;

  /**
   * Adds Σ|v[0 .. len)| and the count of its zeros to {@code node}, in one pass over the values;
   * the parts are added in part order, so that the sum is the same on every run.
   */
  private static void addSums(Node node, float[] v, int len) {
    double[] parts = new double[2 * Parallel.THREADS];
    int per = Math.max(MIN_SUM_PART, (len + Parallel.THREADS - 1) / Parallel.THREADS);
    Parallel.forParts(
        len,
        per,
        (part, from, to) -> AbsSum.withZeros(v, from, to - from, parts, 2 * part, 2 * part + 1));
    double sum = 0;
    long zeros = 0;
    for (int p = 0; p < Parallel.THREADS; p++) {
      sum += parts[2 * p];
      zeros += (long) parts[2 * p + 1];
    }
    node.absSum += sum;
    node.zeros += zeros;
  }

  /** The fewest values per part of {@link #parallelAbsSum}. */
  static final int MIN_ABS_PART = 1 << 14;

  /** Σ|v[0 .. len)|, the parts added in part order so that the sum is the same on every run. */
  static double parallelAbsSum(float[] v, int len) {
    double[] parts = new double[Parallel.THREADS];
    int per = Math.max(MIN_ABS_PART, (len + parts.length - 1) / parts.length);
    Parallel.forParts(len, per, (part, from, to) -> parts[part] = AbsSum.of(v, from, to - from));
    double sum = 0;
    for (double p : parts) {
      sum += p;
    }
    return sum;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Node node : nodes) {
      if (node.op != null) {
        node.op.close();
      }
    }
  }

  /** Whether {@link #close} has run (for tests). */
  boolean isClosed() {
    return closed;
  }

  /** Forgets what earlier runs added up, so that a prepared pass can measure new data. */
  void reset() {
    for (Node node : nodes) {
      node.absSum = 0;
      node.count = 0;
      node.zeros = 0;
      node.batchStart = 0;
      node.batchZeros = 0;
      node.nanos = 0;
    }
  }

  /** Σ|x| and count of one tensor. */
  double absSum(Tensor t) {
    return byTensor.get(t).absSum;
  }

  long count(Tensor t) {
    return byTensor.get(t).count;
  }

  /** Values of one tensor that were exactly zero. */
  long zeros(Tensor t) {
    return byTensor.get(t).zeros;
  }

  /** The shape of one example of {@code t}, as this data gives it (time resolved). */
  int[] exampleShape(Tensor t) {
    return byTensor.get(t).shape.clone();
  }

  /**
   * Copies the last batch's {@code n} examples of {@code t}, a model output (which always keeps its
   * buffer), to {@code dst} from example {@code first} on.
   */
  void copyOutput(Tensor t, int n, float[] dst, long first) {
    Node node = byTensor.get(t);
    long size = node.size;
    System.arraycopy(node.buffer, 0, dst, Math.toIntExact(first * size), Math.toIntExact(n * size));
  }

  /** The last batch's output of {@code t} (n examples), for tests; null if fused away. */
  float[] output(Tensor t, int n) {
    Node node = byTensor.get(t);
    if (node.buffer == null) {
      return null;
    }
    return Arrays.copyOf(node.buffer, Math.toIntExact(n * node.size));
  }
}
