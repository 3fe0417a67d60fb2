package org.neurojoule.engine;

/** The concatenation of its inputs along one axis. */
final class ConcatOp extends Op {
  final int kerasAxis;
  long outer;
  int[] inner;
  int total;

  ConcatOp(int kerasAxis) {
    this.kerasAxis = kerasAxis;
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    int rank = out.length;
    int axis = kerasAxis < 0 ? rank + kerasAxis : kerasAxis - 1;
    outer = Buffers.prod(out, 0, axis);
    inner = new int[in.length];
    total = 0;
    for (int i = 0; i < in.length; i++) {
      inner[i] = (int) Buffers.prod(in[i], axis, in[i].length);
      total += inner[i];
    }
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    long rows = n * outer;
    for (long r = 0; r < rows; r++) {
      int pos = Math.toIntExact(r * total);
      for (int i = 0; i < in.length; i++) {
        System.arraycopy(in[i], Math.toIntExact(r * inner[i]), out, pos, inner[i]);
        pos += inner[i];
      }
    }
  }
}
