package org.neurojoule.engine;

/** A stage applied to every value (an activation, a scale, a bias). */
final class ElementwiseOp extends Op {
  final Stage stage;
  int c;
  long size;

  ElementwiseOp(Stage stage) {
    this.stage = stage;
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    c = out.length == 0 ? 1 : out[out.length - 1];
    size = Buffers.prod(out, 0, out.length);
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    int rows = Math.toIntExact(n * size / c);
    float[] x = in[0];
    Parallel.forRange(
        rows,
        64,
        (from, to) -> {
          System.arraycopy(x, from * c, out, from * c, (to - from) * c);
          stage.apply(out, from * c, to - from, c);
        });
  }
}
