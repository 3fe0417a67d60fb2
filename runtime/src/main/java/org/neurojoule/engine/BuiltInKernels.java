package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.Add;
import org.neurojoule.layer.BatchNormalization;
import org.neurojoule.layer.Concatenate;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.Dropout;
import org.neurojoule.layer.Flatten;
import org.neurojoule.layer.GlobalPooling;
import org.neurojoule.layer.LeakyReLU;
import org.neurojoule.layer.Padding;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.Reshape;
import org.neurojoule.layer.SeparableConv2D;
import org.neurojoule.layer.SpikingActivation;

/**
 * The kernels of the first layer types, whose ops are one class each ({@link ConvOp} and the like).
 * A new layer type puts its kernel and op in a file of its own instead.
 */
final class BuiltInKernels {
  private BuiltInKernels() {}

  /** Convolutions. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class ConvKernel implements Kernel<Conv> {
    @Override
    public Class<Conv> spec() {
      return Conv.class;
    }

    @Override
    public Op op(Conv c, KernelInput layer) {
      float[][] w = layer.weights();
      return new ConvOp(
          c.rank(),
          c.kernelSize(),
          c.strides(),
          c.dilationRate(),
          c.padding(),
          c.groups(),
          w[0],
          c.useBias() ? w[1] : null,
          c.activation());
    }
  }

  /** Dense layers. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class DenseKernel implements Kernel<Dense> {
    @Override
    public Class<Dense> spec() {
      return Dense.class;
    }

    @Override
    public Op op(Dense d, KernelInput layer) {
      float[][] w = layer.weights();
      return new DenseOp(w[0], d.useBias() ? w[1] : null, d.activation());
    }
  }

  /** Depthwise convolutions. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class DepthwiseKernel implements Kernel<DepthwiseConv2D> {
    @Override
    public Class<DepthwiseConv2D> spec() {
      return DepthwiseConv2D.class;
    }

    @Override
    public Op op(DepthwiseConv2D d, KernelInput layer) {
      float[][] w = layer.weights();
      return new DepthwiseOp(
          d.kernelSize(),
          d.strides(),
          d.dilationRate(),
          d.padding(),
          d.depthMultiplier(),
          w[0],
          d.useBias() ? w[1] : null,
          d.activation());
    }
  }

  /** Separable convolutions. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class SeparableKernel implements Kernel<SeparableConv2D> {
    @Override
    public Class<SeparableConv2D> spec() {
      return SeparableConv2D.class;
    }

    @Override
    public Op op(SeparableConv2D s, KernelInput layer) {
      float[][] w = layer.weights();
      return new SeparableOp(
          s.kernelSize(),
          s.strides(),
          s.dilationRate(),
          s.padding(),
          s.depthMultiplier(),
          w[0],
          w[1],
          s.useBias() ? w[2] : null,
          s.activation());
    }
  }

  /** Max and average pooling; sum pooling in the spiking simulation only. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class PoolKernel implements Kernel<Pooling> {
    @Override
    public Class<Pooling> spec() {
      return Pooling.class;
    }

    @Override
    public Op op(Pooling p, KernelInput layer) {
      if (p.kind() == PoolKind.SUM) {
        return null; // no sum kernel yet: the forward pass says so rather than averaging
      }
      return new PoolOp(
          p.kind() == PoolKind.MAX,
          p.rank(),
          p.poolSize(),
          p.strides(),
          p.dilationRate(),
          p.padding());
    }

    @Override
    public Op stepOp(Pooling p, KernelInput layer) {
      if (p.kind() != PoolKind.SUM) {
        return op(p, layer);
      }
      if (p.padding() != Padding.VALID) {
        throw new UnsupportedOperationException(
            layer.layer()
                + ": sum pooling with "
                + p.padding()
                + " padding cannot run in the spiking simulation yet (NIR's SumPool2d"
                + " pads with a zeroPadding layer before it)");
      }
      return new SumPoolOp(p);
    }
  }

  /** Global max and average pooling. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class GlobalPoolKernel implements Kernel<GlobalPooling> {
    @Override
    public Class<GlobalPooling> spec() {
      return GlobalPooling.class;
    }

    @Override
    public Op op(GlobalPooling g, KernelInput layer) {
      return new GlobalPoolOp(g.kind() == PoolKind.MAX);
    }
  }

  /** Flatten: the same values under another shape. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class FlattenKernel implements Kernel<Flatten> {
    @Override
    public Class<Flatten> spec() {
      return Flatten.class;
    }

    @Override
    public Op op(Flatten f, KernelInput layer) {
      return new AliasOp();
    }
  }

  /** Reshape: the same values under another shape. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class ReshapeKernel implements Kernel<Reshape> {
    @Override
    public Class<Reshape> spec() {
      return Reshape.class;
    }

    @Override
    public Op op(Reshape r, KernelInput layer) {
      return new AliasOp();
    }
  }

  /** Dropout: the identity at inference. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class DropoutKernel implements Kernel<Dropout> {
    @Override
    public Class<Dropout> spec() {
      return Dropout.class;
    }

    @Override
    public Op op(Dropout d, KernelInput layer) {
      return new AliasOp();
    }
  }

  /** Element-wise sums. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class AddKernel implements Kernel<Add> {
    @Override
    public Class<Add> spec() {
      return Add.class;
    }

    @Override
    public Op op(Add a, KernelInput layer) {
      return new AddOp();
    }
  }

  /** Concatenation. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class ConcatKernel implements Kernel<Concatenate> {
    @Override
    public Class<Concatenate> spec() {
      return Concatenate.class;
    }

    @Override
    public Op op(Concatenate c, KernelInput layer) {
      return new ConcatOp(c.axis());
    }
  }

  /** Spiking activations. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class SpikingKernel implements Kernel<SpikingActivation> {
    @Override
    public Class<SpikingActivation> spec() {
      return SpikingActivation.class;
    }

    @Override
    public Op op(SpikingActivation s, KernelInput layer) {
      return new SpikingOp(s.activation(), s.dt(), s.seed().orElse(Forward.DEFAULT_SPIKING_SEED));
    }
  }

  /** ReLU: element-wise, fused into the kernel before it where possible. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class ReluKernel implements Kernel<ReLU> {
    @Override
    public Class<ReLU> spec() {
      return ReLU.class;
    }

    @Override
    public Op op(ReLU r, KernelInput layer) {
      return new ElementwiseOp(
          Stage.relu(
              (float) r.maxValue().orElse(Double.NaN),
              (float) r.negativeSlope(),
              (float) r.threshold()));
    }
  }

  /** LeakyReLU: element-wise. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class LeakyReluKernel implements Kernel<LeakyReLU> {
    @Override
    public Class<LeakyReLU> spec() {
      return LeakyReLU.class;
    }

    @Override
    public Op op(LeakyReLU l, KernelInput layer) {
      return new ElementwiseOp(Stage.leaky((float) l.alpha()));
    }
  }

  /** Activation layers: element-wise. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class ActivationKernel implements Kernel<ActivationLayer> {
    @Override
    public Class<ActivationLayer> spec() {
      return ActivationLayer.class;
    }

    @Override
    public Op op(ActivationLayer a, KernelInput layer) {
      return new ElementwiseOp(Stage.biasAct(null, a.activation()));
    }
  }

  /** Batch normalization at inference: an element-wise affine map per channel. */
  @AutoService(Kernel.class)
  @SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
  public static final class BatchNormKernel implements Kernel<BatchNormalization> {
    @Override
    public Class<BatchNormalization> spec() {
      return BatchNormalization.class;
    }

    @Override
    public Op op(BatchNormalization bn, KernelInput layer) {
      float[][] w = layer.weights();
      int i = 0;
      float[] gamma = bn.scale() ? w[i++] : null;
      float[] beta = bn.center() ? w[i++] : null;
      float[] mean = w[i++];
      float[] var = w[i];
      int c = mean.length;
      float[] scale = new float[c];
      float[] shift = new float[c];
      float eps = (float) bn.epsilon();
      for (int k = 0; k < c; k++) {
        float inv = (float) (1.0 / Math.sqrt((double) (var[k] + eps)));
        scale[k] = gamma == null ? inv : inv * gamma[k];
        shift[k] = (beta == null ? 0f : beta[k]) - mean[k] * scale[k];
      }
      return new ElementwiseOp(Stage.affine(scale, shift));
    }
  }
}
