package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.AddWeight;

/** AddWeight: each example plus the stored tensor, broadcast to the example's shape once. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class AddWeightKernel implements Kernel<AddWeight> {
  @Override
  public Class<AddWeight> spec() {
    return AddWeight.class;
  }

  @Override
  public Op op(AddWeight a, KernelInput layer) {
    return new AddOp(perExample(layer, a.shape(), "AddWeight"));
  }

  /** The stored tensor of {@code shape} broadcast to one example of the layer's input. */
  static float[] perExample(KernelInput layer, java.util.List<Integer> shape, String type) {
    int[] in = layer.inputShape(0);
    int size = Buffers.intSize(Buffers.prod(in, 0, in.length), "one example");
    float[] w = layer.weights()[0];
    int[] stored = shape.stream().mapToInt(Integer::intValue).toArray();
    float[] per = Buffers.floats(size, type + "'s values for one example");
    int offset = in.length - stored.length;
    int[] pos = new int[in.length];
    for (int i = 0; i < size; i++) {
      int src = 0;
      for (int k = 0; k < stored.length; k++) {
        src = src * stored[k] + (stored[k] == 1 ? 0 : pos[offset + k]);
      }
      per[i] = w[src];
      for (int k = in.length - 1; k >= 0 && ++pos[k] == in[k]; k--) {
        pos[k] = 0;
      }
    }
    return per;
  }

  static final class AddOp extends Op {
    private final float[] per;

    AddOp(float[] per) {
      this.per = per;
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      int size = per.length;
      for (int b = 0; b < n; b++) {
        int off = b * size;
        for (int i = 0; i < size; i++) {
          out[off + i] = in[0][off + i] + per[i];
        }
      }
    }
  }
}
