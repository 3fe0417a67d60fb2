package org.neurojoule.engine;

import java.util.Arrays;
import org.neurojoule.layer.Pooling;

/**
 * Sum pooling, valid windows (dense or dilated), channels last, for the spiking simulation (NIR's
 * SumPool2d pads with a layer before it). The firing-rate pass has no sum kernel yet.
 */
final class SumPoolOp extends Op {
  private final Pooling p;
  private int[] in;
  private int[] out;

  SumPoolOp(Pooling p) {
    this.p = p;
  }

  @Override
  void prepare(Ctx ctx, int[][] inShape, int[] outShape, int maxN) {
    in = inShape[0].clone();
    out = outShape.clone();
  }

  @Override
  void run(Ctx ctx, int n, float[][] inputs, float[] y, Epilogue epi) {
    int rank = p.rank();
    if (rank != 2) {
      throw new UnsupportedOperationException("sum pooling of rank " + rank);
    }
    int h = in[0];
    int w = in[1];
    int c = in[2];
    int oh = out[0];
    int ow = out[1];
    int kh = p.poolSize().get(0);
    int kw = p.poolSize().get(1);
    int sh = p.strides().get(0);
    int sw = p.strides().get(1);
    int dh = p.dilationRate().get(0);
    int dw = p.dilationRate().get(1);
    float[] x = inputs[0];
    for (int b = 0; b < n; b++) {
      int xb = b * h * w * c;
      int yb = b * oh * ow * c;
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          int o = yb + (oy * ow + ox) * c;
          Arrays.fill(y, o, o + c, 0f);
          for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
              int at = xb + ((oy * sh + ky * dh) * w + ox * sw + kx * dw) * c;
              for (int ch = 0; ch < c; ch++) {
                y[o + ch] += x[at + ch];
              }
            }
          }
        }
      }
    }
  }
}
