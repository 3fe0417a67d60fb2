package org.neurojoule.engine;

/**
 * The element-wise tail a producing kernel applies to its output rows while they are in cache:
 * its own bias and activation, then any fused batch normalization and activation layers. After
 * each stage it adds up |value| for the tensor that stage produces, for firing rates.
 */
final class Epilogue {
  final Stage[] stages;
  final Node[] targets;

  Epilogue(Stage[] stages, Node[] targets) {
    this.stages = stages;
    this.targets = targets;
  }

  /** Per-thread running sums, one per stage; merged into the nodes by {@link #merge}. */
  double[] newSums() {
    return new double[stages.length];
  }

  /** Applies every stage to {@code rows} rows of {@code c} values at {@code v[off...]}. */
  void process(float[] v, int off, int rows, int c, double[] sums) {
    int len = rows * c;
    for (int s = 0; s < stages.length; s++) {
      Stage st = stages[s];
      if (st.kind == Stage.Kind.IDENTITY && s > 0) {
        sums[s] += AbsSum.of(v, off, len);
        continue;
      }
      st.apply(v, off, rows, c);
      sums[s] += AbsSum.of(v, off, len);
    }
  }

  /** Adds a thread's sums to the target nodes. */
  void merge(double[] sums) {
    synchronized (this) {
      for (int s = 0; s < stages.length; s++) {
        targets[s].absSum += sums[s];
      }
    }
  }
}
