package org.neurojoule.engine;

import java.util.Arrays;
import java.util.List;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/** A depthwise 2D convolution, computed directly (or natively where available). */
final class DepthwiseOp extends Op {
  final List<Integer> kernel;
  final List<Integer> strides;
  final List<Integer> dilation;
  final Padding padding;
  final int dm;
  final float[] weights;
  final Stage own;
  Window w;
  int c;

  /** Weights rearranged to [tap][m][c] so the inner loop runs over contiguous channels. */
  float[] w2;

  NativeConv dnnl;

  DepthwiseOp(
      List<Integer> kernel,
      List<Integer> strides,
      List<Integer> dilation,
      Padding padding,
      int dm,
      float[] weights,
      float[] bias,
      Activation activation) {
    this.kernel = kernel;
    this.strides = strides;
    this.dilation = dilation;
    this.padding = padding;
    this.dm = dm;
    this.weights = weights;
    this.own =
        bias == null && activation == Activation.LINEAR ? null : Stage.biasAct(bias, activation);
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    w = new Window(2, in[0], out, kernel, strides, dilation, padding);
    c = in[0][2];
    float[] weights = w.keptTaps(this.weights, (long) c * dm);
    close();
    if (ctx.gemm.dnnlConv() && !w.clipped) {
      dnnl = new NativeConv(ctx.gemm.convolutions(), 2, w, c, c * dm, c, weights);
      dnnl.prepare(maxN);
      return;
    }
    int taps = w.taps();
    w2 = new float[taps * dm * c];
    for (int t = 0; t < taps; t++) {
      for (int ch = 0; ch < c; ch++) {
        for (int m = 0; m < dm; m++) {
          w2[(t * dm + m) * c + ch] = weights[(t * c + ch) * dm + m];
        }
      }
    }
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    float[] x = in[0];
    if (dnnl != null) {
      dnnl.run(n, x, out, epi);
      return;
    }
    int oh = w.out[1];
    int ow = w.out[2];
    int cd = c * dm;
    Parallel.forRange(
        n * oh,
        1,
        (from, to) -> {
          double[] sums = epi == null ? null : epi.newSums();
          float[] row = new float[ow * cd];
          float[] acc = new float[cd];
          for (int r = from; r < to; r++) {
            int b = r / oh;
            int y = r - b * oh;
            computeRow(x, b, y, row, acc);
            if (epi != null) {
              epi.process(row, 0, ow, cd, sums);
            }
            System.arraycopy(row, 0, out, r * ow * cd, ow * cd);
          }
          if (epi != null) {
            epi.merge(sums);
          }
        });
  }

  private void computeRow(float[] x, int b, int y, float[] row, float[] acc) {
    int ih = w.in[1];
    int iw = w.in[2];
    int kh = w.k[1];
    int kw = w.k[2];
    int ow = w.out[2];
    int cd = c * dm;
    for (int xo = 0; xo < ow; xo++) {
      Arrays.fill(acc, 0f);
      for (int i = 0; i < kh; i++) {
        int yi = y * w.s[1] - w.pad[1] + i * w.d[1];
        if (yi < 0 || yi >= ih) {
          continue;
        }
        for (int j = 0; j < kw; j++) {
          int xi = xo * w.s[2] - w.pad[2] + j * w.d[2];
          if (xi < 0 || xi >= iw) {
            continue;
          }
          int ib = ((b * ih + yi) * iw + xi) * c;
          int tap = i * kw + j;
          for (int m = 0; m < dm; m++) {
            int wb = (tap * dm + m) * c;
            int ab = m * c;
            for (int ch = 0; ch < c; ch++) {
              acc[ab + ch] += x[ib + ch] * w2[wb + ch];
            }
          }
        }
      }
      int ob = xo * cd;
      if (dm == 1) {
        System.arraycopy(acc, 0, row, ob, c);
      } else {
        for (int m = 0; m < dm; m++) {
          for (int ch = 0; ch < c; ch++) {
            row[ob + ch * dm + m] = acc[m * c + ch];
          }
        }
      }
    }
  }

  @Override
  boolean fuses() {
    return true;
  }

  @Override
  Stage ownStage() {
    return own == null ? Stage.identity() : own;
  }

  @Override
  void close() {
    if (dnnl != null) {
      dnnl.close();
    }
    dnnl = null;
  }
}
