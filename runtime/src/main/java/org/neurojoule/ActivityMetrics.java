package org.neurojoule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.neurojoule.engine.WeightInit;
import org.neurojoule.engine.ZeroCounts;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;

/** Computes each layer's {@link LayerActivity}, lazily. */
final class ActivityMetrics {
  private ActivityMetrics() {}

  /**
   * {@return the layer's metrics, computed on first use}: counting kernel zeros reads every weight
   * (or makes the default ones), so estimates that never show them never pay for it.
   */
  static Supplier<LayerActivity> lazy(
      Model model, Layer layer, LayerStats stats, long params, ZeroCounts zeros) {
    return new Supplier<>() {
      private volatile LayerActivity value;

      @Override
      public LayerActivity get() {
        LayerActivity v = value;
        if (v == null) {
          long[] kernel = WeightInit.kernelZeros(layer, model);
          v =
              new LayerActivity(
                  model.nameOf(layer),
                  zeros.outputZeros(),
                  zeros.outputValues(),
                  zeros.inputZeros(),
                  zeros.inputValues(),
                  kernel[0],
                  kernel[1],
                  params,
                  stats.connections(),
                  stats.neurons(),
                  fedBySpikes(model, layer),
                  layer.precision().orElse(Precision.FLOAT32),
                  weightArrays(layer, params));
          value = v;
        }
        return v;
      }
    };
  }

  /**
   * The elements of each weight array of a layer whose precision was recorded, when they add up to
   * its parameters; empty otherwise (the footprint then counts the parameters in the main weights'
   * format).
   */
  static List<Long> weightArrays(Layer layer, long params) {
    List<Shape> inputs = layer.firstInputShapes();
    if (layer.precision().isEmpty() || inputs == null) {
      return List.of();
    }
    List<Long> counts = new ArrayList<>();
    long sum = 0;
    try {
      for (WeightShapes.Weight w : WeightShapes.of(layer.spec(), inputs)) {
        long n = 1;
        for (int d : w.shape()) {
          n = Math.multiplyExact(n, (long) d);
        }
        counts.add(n);
        sum = Math.addExact(sum, n);
      }
    } catch (RuntimeException e) {
      return List.of(); // shapes not defined enough to size the arrays
    }
    return sum == params ? counts : List.of();
  }

  /**
   * Whether every input of every application of {@code layer} is spikes: made by a layer that
   * {@link LayerSpec#emitsSpikes() emits spikes}, directly or through layers that only move values
   * (flatten, reshape, dropout, at inference).
   */
  static boolean fedBySpikes(Model model, Layer layer) {
    boolean any = false;
    for (Tensor app : model.applications(layer)) {
      for (Tensor in : app.inputs()) {
        if (!spikes(in)) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static boolean spikes(Tensor t) {
    Tensor at = t;
    while (true) {
      LayerSpec spec = at.layer().spec().wrapped().orElse(at.layer().spec());
      if (spec.emitsSpikes()) {
        return true;
      }
      if (!spec.movesValuesOnly() || at.inputs().size() != 1) {
        return false;
      }
      at = at.inputs().get(0);
    }
  }
}
