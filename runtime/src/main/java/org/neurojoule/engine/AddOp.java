package org.neurojoule.engine;

/** The element-wise sum of its inputs. */
final class AddOp extends Op {
  long size;

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    size = Buffers.prod(out, 0, out.length);
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    int len = Math.toIntExact(n * size);
    System.arraycopy(in[0], 0, out, 0, len);
    for (int i = 1; i < in.length; i++) {
      float[] x = in[i];
      for (int j = 0; j < len; j++) {
        out[j] += x[j];
      }
    }
  }
}
