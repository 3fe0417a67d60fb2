package org.neurojoule.tflite;

import org.neurojoule.Dtype;
import org.neurojoule.Tensor;

/** What a TFLite tensor is during the import: an activation or a constant. */
sealed interface Value permits Value.Act, Value.Const {

  /**
   * An activation: a NeuroJoule tensor and the TFLite format its values are stored in.
   *
   * @param tensor the layer output that computes it
   * @param dtype the stored format of the TFLite tensor (int8 in an int8 model)
   */
  record Act(Tensor tensor, Dtype dtype) implements Value {
    /** {@return the dimensions without the batch} */
    int[] dims() {
      return tensor.shape().toArray();
    }
  }

  /**
   * A constant: the tensor's real values (dequantized) and the format the file stores them in.
   *
   * @param info the tensor as the file declares it
   * @param values the real values, row-major in the tensor's shape
   * @param stored the format of the stored values (FLOAT16 for a float16 weight that a DEQUANTIZE
   *     turns into float32)
   */
  record Const(TensorInfo info, double[] values, Dtype stored) implements Value {
    /** {@return the tensor's shape} */
    int[] shape() {
      return info.shape();
    }

    /** {@return the values as floats} */
    float[] floats() {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return f;
    }

    /** {@return the values rounded to longs (shapes, axes, paddings)} */
    long[] integers() {
      long[] l = new long[values.length];
      for (int i = 0; i < l.length; i++) {
        l[i] = Math.round(values[i]);
      }
      return l;
    }
  }
}
