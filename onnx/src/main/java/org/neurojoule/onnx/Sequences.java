package org.neurojoule.onnx;

import java.util.List;
import java.util.function.Function;
import org.neurojoule.OnnxImportException;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Recurrent;
import org.neurojoule.onnx.Seq.Layout;

/**
 * The nodes around ONNX's recurrent operators: PyTorch's {@code batch_first} Transpose into the
 * time-major layout and back, the Squeeze of the direction axis, a Gather of one time step, and the
 * Expand of the zero initial states. The {@link Operator}s of and around sequences name their
 * mapping here.
 */
final class Sequences {
  private static final long[] SWAP_BATCH_AND_TIME = {1, 0, 2};

  private final NodeAt at;
  private final List<Object> ins;

  Sequences(NodeAt at, List<Object> ins) {
    this.at = at;
    this.ins = ins;
  }

  /** {@return {@code op} of this node, which has or starts a sequence} */
  static Object on(Call c, Function<Sequences, Object> op) {
    return op.apply(new Sequences(c.at, c.ins));
  }

  /** {@return whether an input of a node is a sequence} */
  static boolean hasSequence(List<Object> ins) {
    return ins.stream().anyMatch(v -> v instanceof Seq);
  }

  /** {@return the error for an operator without a mapping of sequences} */
  static OnnxImportException unsupported(Call c) {
    Object first = c.ins.get(0);
    if (!(first instanceof Seq s)) {
      return c.at.error("its first input '" + c.at.inputs().get(0) + "' must be a sequence");
    }
    return c.at.error(c.at.op() + " of a sequence " + describe(s) + " is not supported yet");
  }

  /**
   * {@return whether a Transpose starts a sequence: PyTorch's batch and time swap of a 2-D
   * activation, {@code (batch, time, features)} to the recurrent layers' time-major layout}
   */
  static boolean startsSequence(Call c) {
    return c.ins.get(0) instanceof Act a
        && a.onnx().length == 2
        && a.order() == null
        && !a.isTokens()
        && java.util.Arrays.equals(c.at.integers("perm"), SWAP_BATCH_AND_TIME);
  }

  /** LSTM, GRU or RNN ({@code cell}) of a time-major sequence. */
  Seq recurrent(Recurrent.Cell cell) {
    return new Recurrents(at, ins).apply(cell, timeMajor());
  }

  /** Expand of a constant (the initial states' zeros). */
  Const expand() {
    return Expand.fold(at, constant(0), constant(1));
  }

  /** Gather of a constant table by ids (an embedding), or of one time step of a sequence. */
  Object gatherOrEmbedding() {
    return ins.get(0) instanceof Const ? embedding() : gather();
  }

  private Const constant(int i) {
    if (i >= ins.size() || !(ins.get(i) instanceof Const c)) {
      throw at.error("input " + i + " must be a constant");
    }
    return c;
  }

  private Seq seq() {
    if (!(ins.get(0) instanceof Seq s)) {
      throw at.error("its first input '" + at.inputs().get(0) + "' must be a sequence");
    }
    return s;
  }

  private static String describe(Seq s) {
    return s.layout() + " (time " + s.time() + ", features " + s.features() + ")";
  }

  private Seq timeMajor() {
    Object x = ins.get(0);
    if (x instanceof Act a
        && a.isTokens()
        && !a.tokens().merged()
        && a.tokens().axis() == 1
        && a.onnx().length == 2) {
      // A token tensor (time, batch, features): already (time, features) here.
      return new Seq(a.tensor(), Layout.TIME_MAJOR);
    }
    if (!(x instanceof Seq s) || s.layout() != Layout.TIME_MAJOR) {
      throw at.error(
          "needs its input X in the layout (time, batch, features), as PyTorch's"
              + " Transpose of a batch_first input gives it; its input '"
              + at.inputs().get(0)
              + "' is "
              + (x instanceof Seq s ? describe(s) : "not such a sequence"));
    }
    return s;
  }

  /** Batch and time swap: the values stay (time, features) per example, only the layout moves. */
  Seq transpose() {
    if (!java.util.Arrays.equals(at.integers("perm"), SWAP_BATCH_AND_TIME)) {
      throw at.error(
          "Transpose "
              + java.util.Arrays.toString(at.integers("perm"))
              + " of a sequence is not supported (only [1, 0, 2], batch and time swapped)");
    }
    if (ins.get(0) instanceof Act a) {
      // ONNX (time, features) is channels last here, so (features, time): put time first.
      Tensor t = at.guard(() -> a.tensor().permute(new int[] {2, 1}, p -> p.name(at.name)));
      return new Seq(t, Layout.TIME_MAJOR);
    }
    Seq s = seq();
    return switch (s.layout()) {
      case TIME_MAJOR -> new Seq(s.tensor(), Layout.BATCH_FIRST);
      case BATCH_FIRST -> new Seq(s.tensor(), Layout.TIME_MAJOR);
      case DIRECTIONS ->
          throw at.error(
              "Transpose of a recurrent output with its direction"
                  + " axis is not supported (a Squeeze of axis 1 first is)");
    };
  }

  Seq squeeze() {
    Seq s = seq();
    long[] axes = ins.size() > 1 && ins.get(1) != null ? constant(1).longs() : at.integers("axes");
    if (s.layout() != Layout.DIRECTIONS
        || axes == null
        || axes.length != 1
        || axes[0] != 1 && axes[0] != -3) {
      throw at.error(
          "Squeeze "
              + (axes == null ? "of every axis of 1" : java.util.Arrays.toString(axes))
              + " of a sequence "
              + describe(s)
              + " is not supported (only axis 1,"
              + " the direction axis of a recurrent output)");
    }
    return new Seq(s.tensor(), Layout.TIME_MAJOR);
  }

  /**
   * A sequence as a graph output: batch first, as PyTorch returns it, in this importer's layout of
   * a 2-D ONNX tensor (channels last, so {@code (features, time)}) through a {@code permute}.
   */
  static Act output(String label, String name, Seq s) {
    if (s.layout() != Layout.BATCH_FIRST) {
      throw new OnnxImportException(
          label
              + ": graph output '"
              + name
              + "' is a sequence in the"
              + " layout "
              + s.layout()
              + "; only a batch-first one (batch, time, features) is"
              + " supported as an output");
    }
    Tensor t;
    try {
      t = s.tensor().permute(new int[] {2, 1}, p -> p.name(name + "_layout"));
    } catch (IllegalArgumentException e) {
      throw new OnnxImportException(label + ": graph output '" + name + "': " + e.getMessage(), e);
    }
    return Act.of(t, new int[] {s.time(), s.features()});
  }

  /** The ONNX shape with a batch of one, for the exporter's initial-state shape chains. */
  Const shape() {
    Seq s = seq();
    if (at.has("start") || at.has("end")) {
      throw at.error("Shape with start or end of a sequence is not supported");
    }
    long t = s.time();
    long f = s.features();
    return switch (s.layout()) {
      case BATCH_FIRST -> Const.vector(1, t, f);
      case TIME_MAJOR -> Const.vector(t, 1, f);
      case DIRECTIONS -> Const.vector(t, 1, 1, f);
    };
  }

  /**
   * A Gather of rows of a constant table by the ids of an activation (PyTorch's {@code
   * nn.Embedding}): an {@code embedding} with that table; its output {@code (ids, dim)} is a
   * batch-first sequence.
   */
  private Seq embedding() {
    Const table = constant(0);
    Act ids = (Act) ins.get(1);
    if (at.integer("axis", 0) != 0
        || table.dims().length != 2
        || ids.onnx().length != 1
        || ids.order() != null) {
      throw at.error(
          "Gather of a constant "
              + Const.text(table.dims())
              + " by an activation "
              + Const.text(ids.onnx())
              + " on axis "
              + at.integer("axis", 0)
              + " is supported as"
              + " an embedding only: rows (axis 0) of a 2-D table by a 1-D sequence of ids");
    }
    int rows = Math.toIntExact(table.dims()[0]);
    int dim = Math.toIntExact(table.dims()[1]);
    Tensor t = at.guard(() -> ids.tensor().embedding(rows, dim, e -> e.name(at.name)));
    if (!table.declaredOnly()) {
      at.guard(
          () -> {
            t.layer().setWeights(table.floats());
            return null;
          });
    }
    return new Seq(t, Layout.BATCH_FIRST);
  }

  /** One time step (as {@code y[:, -1]} takes the last): a cropping to it and a reshape. */
  private Act gather() {
    Seq s = seq();
    long axis = at.integer("axis", 0);
    long timeAxis = s.layout() == Layout.BATCH_FIRST ? 1 : 0;
    Const index = constant(1);
    if (s.layout() == Layout.DIRECTIONS
        || axis != timeAxis && axis != timeAxis - 3
        || index.declaredOnly()
        || index.dims().length != 0) {
      throw at.error(
          "Gather on axis "
              + axis
              + " of a sequence "
              + describe(s)
              + " is not"
              + " supported (only one time step: a scalar index on the time axis)");
    }
    int time = s.time();
    long i = (long) index.values()[0];
    long step = i < 0 ? i + time : i;
    if (step < 0 || step >= time) {
      throw at.error("index " + i + " is out of range for " + time + " time steps");
    }
    int before = (int) step;
    int after = time - 1 - before;
    Tensor cropped =
        before == 0 && after == 0
            ? s.tensor()
            : at.guard(
                () ->
                    s.tensor()
                        .cropping1d(new int[] {before, after}, c -> c.name(at.name + "_crop")));
    Tensor t = at.guard(() -> cropped.reshape(new int[] {s.features()}, r -> r.name(at.name)));
    return Act.of(t, new int[] {s.features()});
  }
}
