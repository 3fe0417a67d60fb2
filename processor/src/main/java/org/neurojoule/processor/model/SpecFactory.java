package org.neurojoule.processor.model;

import java.util.Arrays;
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
import org.neurojoule.layer.InputLayer;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LeakyReLU;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.Reshape;
import org.neurojoule.layer.SeparableConv2D;
import org.neurojoule.layer.SpikingActivation;
import org.neurojoule.layer.TimeDistributed;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Turns a layer declaration into its spec, with the code that builds it: the annotation's
 * required attributes go to the spec's {@code of(...)} factory, every attribute the source sets
 * to the wither of the same name, and the field name to {@code name(...)}.
 */
public final class SpecFactory {
  private SpecFactory() {}

  /**
   * The spec of {@code layer}, named after its field, with every value the spec rejects.
   *
   * @throws SpecArgumentException if the input's shape is invalid
   */
  public static Recipe<? extends LayerSpec> build(LayerDeclaration layer) {
    Attributes a = layer.attributes();
    String name = layer.name();
    if (layer.timeDistributed().isPresent()) {
      Recipe<TimeDistributed> wrapped =
          Recipe.wrap(TimeDistributed.class, "of", unnamed(layer.kind(), a), TimeDistributed::of);
      return wrapped.then("", "name", s -> s.name(name), name);
    }
    return named(unnamed(layer.kind(), a), name);
  }

  /** The input's shape; NONE for undefined dimensions. */
  public static Shape inputShape(Attributes a) {
    try {
      return Shape.of(a.ints("value"));
    } catch (IllegalArgumentException e) {
      // Shape.of rejects zero and negative sizes with a plain IllegalArgumentException.
      throw new SpecArgumentException("value", ShapeException.invalid(e.getMessage()));
    }
  }

  private static Recipe<? extends LayerSpec> unnamed(LayerKind kind, Attributes a) {
    int rank = kind.rank();
    return switch (kind) {
      case INPUT -> {
        Shape shape = inputShape(a);
        yield Recipe.start(InputLayer.class, "of", () -> InputLayer.of(shape), "value",
            Literals.shape(shape));
      }
      case CONV1D, CONV2D, CONV3D -> window(a, Recipe.start(Conv.class, "of",
          () -> Conv.of(rank, a.integer("filters"), a.ints("kernelSize")), "kernelSize",
          rank, a.integer("filters"), a.ints("kernelSize")));
      case DEPTHWISE_CONV2D -> {
        Recipe<DepthwiseConv2D> r = Recipe.start(DepthwiseConv2D.class, "of",
            () -> DepthwiseConv2D.of(a.ints("kernelSize")), "kernelSize", a.ints("kernelSize"));
        r = optional(r, a, "depthMultiplier", s -> s.depthMultiplier(a.integer("depthMultiplier")));
        r = optional(r, a, "strides", s -> s.strides(a.ints("strides")));
        r = optional(r, a, "padding", s -> s.padding(a.padding("padding")));
        r = optional(r, a, "dilationRate", s -> s.dilationRate(a.ints("dilationRate")));
        r = optional(r, a, "activation", s -> s.activation(a.activation("activation")));
        yield optional(r, a, "useBias", s -> s.useBias(a.bool("useBias")));
      }
      case SEPARABLE_CONV2D -> {
        Recipe<SeparableConv2D> r = Recipe.start(SeparableConv2D.class, "of",
            () -> SeparableConv2D.of(a.integer("filters"), a.ints("kernelSize")), "kernelSize",
            a.integer("filters"), a.ints("kernelSize"));
        r = optional(r, a, "depthMultiplier", s -> s.depthMultiplier(a.integer("depthMultiplier")));
        r = optional(r, a, "strides", s -> s.strides(a.ints("strides")));
        r = optional(r, a, "padding", s -> s.padding(a.padding("padding")));
        r = optional(r, a, "dilationRate", s -> s.dilationRate(a.ints("dilationRate")));
        r = optional(r, a, "activation", s -> s.activation(a.activation("activation")));
        yield optional(r, a, "useBias", s -> s.useBias(a.bool("useBias")));
      }
      case DENSE -> {
        Recipe<Dense> r = Recipe.start(Dense.class, "of", () -> Dense.of(a.integer("units")),
            "units", a.integer("units"));
        r = optional(r, a, "activation", s -> s.activation(a.activation("activation")));
        yield optional(r, a, "useBias", s -> s.useBias(a.bool("useBias")));
      }
      case RELU -> {
        Recipe<ReLU> r = Recipe.start(ReLU.class, "of", ReLU::of, "");
        r = optional(r, a, "maxValue", s -> s.maxValue(a.real("maxValue")));
        r = optional(r, a, "negativeSlope", s -> s.negativeSlope(a.real("negativeSlope")));
        yield optional(r, a, "threshold", s -> s.threshold(a.real("threshold")));
      }
      case LEAKY_RELU -> optional(Recipe.start(LeakyReLU.class, "of", LeakyReLU::of, ""), a,
          "alpha", s -> s.alpha(a.real("alpha")));
      case ACTIVATION -> Recipe.start(ActivationLayer.class, "of",
          () -> ActivationLayer.of(a.activation("value")), "value", a.activation("value"));
      case SPIKING_ACTIVATION -> {
        Recipe<SpikingActivation> r = Recipe.start(SpikingActivation.class, "of",
            () -> SpikingActivation.of(a.activation("value")), "value", a.activation("value"));
        r = optional(r, a, "dt", s -> s.dt(a.real("dt")));
        long[] seed = (long[]) a.get("seed");
        if (seed.length > 1) {
          yield r.then("seed", "seed", s -> {
            throw ShapeException.invalid(
                "seed takes no value (random) or one, got " + Arrays.toString(seed));
          });
        }
        yield seed.length == 0 ? r : r.then("seed", "seed", s -> s.seed(seed[0]), seed[0]);
      }
      case BATCH_NORMALIZATION -> {
        Recipe<BatchNormalization> r =
            Recipe.start(BatchNormalization.class, "of", BatchNormalization::of, "");
        r = optional(r, a, "momentum", s -> s.momentum(a.real("momentum")));
        r = optional(r, a, "epsilon", s -> s.epsilon(a.real("epsilon")));
        r = optional(r, a, "center", s -> s.center(a.bool("center")));
        yield optional(r, a, "scale", s -> s.scale(a.bool("scale")));
      }
      case MAX_POOLING1D, MAX_POOLING2D, MAX_POOLING3D -> pooling(a, PoolKind.MAX, rank);
      case AVERAGE_POOLING1D, AVERAGE_POOLING2D, AVERAGE_POOLING3D ->
          pooling(a, PoolKind.AVERAGE, rank);
      case GLOBAL_MAX_POOLING1D, GLOBAL_MAX_POOLING2D, GLOBAL_MAX_POOLING3D ->
          globalPooling(a, PoolKind.MAX, rank);
      case GLOBAL_AVERAGE_POOLING1D, GLOBAL_AVERAGE_POOLING2D, GLOBAL_AVERAGE_POOLING3D ->
          globalPooling(a, PoolKind.AVERAGE, rank);
      case FLATTEN -> Recipe.start(Flatten.class, "of", Flatten::of, "");
      case RESHAPE -> Recipe.start(Reshape.class, "of", () -> Reshape.of(a.ints("targetShape")),
          "targetShape", a.ints("targetShape"));
      case DROPOUT -> Recipe.start(Dropout.class, "of", () -> Dropout.of(a.real("rate")), "rate",
          a.real("rate"));
      case ADD -> Recipe.start(Add.class, "of", Add::of, "");
      case CONCATENATE -> optional(Recipe.start(Concatenate.class, "of", Concatenate::of, ""), a,
          "axis", s -> s.axis(a.integer("axis")));
      case TIME_DISTRIBUTED -> throw new IllegalArgumentException(
          "@TimeDistributed is not a layer by itself");
    };
  }

  private static Recipe<Conv> window(Attributes a, Recipe<Conv> r) {
    r = optional(r, a, "strides", s -> s.strides(a.ints("strides")));
    r = optional(r, a, "padding", s -> s.padding(a.padding("padding")));
    r = optional(r, a, "dilationRate", s -> s.dilationRate(a.ints("dilationRate")));
    r = optional(r, a, "activation", s -> s.activation(a.activation("activation")));
    return optional(r, a, "useBias", s -> s.useBias(a.bool("useBias")));
  }

  private static Recipe<Pooling> pooling(Attributes a, PoolKind kind, int rank) {
    Recipe<Pooling> r = Recipe.start(Pooling.class, "of",
        () -> Pooling.of(kind, rank, a.ints("poolSize")), "poolSize", kind, rank,
        a.ints("poolSize"));
    // An empty strides list is Keras' None: strides equal to the pool size, as of(...) sets.
    if (a.ints("strides").length > 0) {
      r = optional(r, a, "strides", s -> s.strides(a.ints("strides")));
    }
    return optional(r, a, "padding", s -> s.padding(a.padding("padding")));
  }

  private static Recipe<GlobalPooling> globalPooling(Attributes a, PoolKind kind, int rank) {
    return optional(Recipe.start(GlobalPooling.class, "of", () -> GlobalPooling.of(kind, rank), "",
        kind, rank), a, "keepdims", s -> s.keepdims(a.bool("keepdims")));
  }

  /** The wither of {@code attribute}, if the source sets it; its argument is the value. */
  private static <T> Recipe<T> optional(
      Recipe<T> r, Attributes a, String attribute, java.util.function.UnaryOperator<T> step) {
    return a.isExplicit(attribute) ? r.then(attribute, attribute, step, a.get(attribute)) : r;
  }

  @SuppressWarnings("unchecked")
  private static <T extends LayerSpec> Recipe<? extends LayerSpec> named(Recipe<T> r, String name) {
    // Every spec has a name(String) wither; LayerSpec declares none, so dispatch on the type.
    return r.then("", "name", s -> (T) withName(s, name), name);
  }

  private static LayerSpec withName(LayerSpec spec, String name) {
    if (spec instanceof InputLayer s) {
      return s.name(name);
    } else if (spec instanceof Conv s) {
      return s.name(name);
    } else if (spec instanceof DepthwiseConv2D s) {
      return s.name(name);
    } else if (spec instanceof SeparableConv2D s) {
      return s.name(name);
    } else if (spec instanceof Dense s) {
      return s.name(name);
    } else if (spec instanceof ReLU s) {
      return s.name(name);
    } else if (spec instanceof LeakyReLU s) {
      return s.name(name);
    } else if (spec instanceof ActivationLayer s) {
      return s.name(name);
    } else if (spec instanceof BatchNormalization s) {
      return s.name(name);
    } else if (spec instanceof Pooling s) {
      return s.name(name);
    } else if (spec instanceof GlobalPooling s) {
      return s.name(name);
    } else if (spec instanceof Flatten s) {
      return s.name(name);
    } else if (spec instanceof Reshape s) {
      return s.name(name);
    } else if (spec instanceof Dropout s) {
      return s.name(name);
    } else if (spec instanceof Add s) {
      return s.name(name);
    } else if (spec instanceof Concatenate s) {
      return s.name(name);
    } else if (spec instanceof SpikingActivation s) {
      return s.name(name);
    }
    throw new IllegalArgumentException("cannot name " + spec.describe());
  }
}
