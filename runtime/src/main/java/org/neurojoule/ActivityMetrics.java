package org.neurojoule;

import java.util.List;
import java.util.function.Supplier;
import org.neurojoule.energy.Column;
import org.neurojoule.energy.PythonFormat;
import org.neurojoule.engine.WeightInit;
import org.neurojoule.engine.ZeroCounts;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerStats;

/** Computes each layer's {@link LayerActivity} and the summary's and exports' activity columns. */
final class ActivityMetrics {
  private ActivityMetrics() {}

  /**
   * {@return the layer's metrics, computed on first use}: counting kernel zeros reads every
   * weight (or makes the default ones), so estimates that never show them never pay for it.
   */
  static Supplier<LayerActivity> lazy(Model model, Layer layer, LayerStats stats, long params,
      ZeroCounts zeros) {
    return new Supplier<>() {
      private volatile LayerActivity value;

      @Override
      public LayerActivity get() {
        LayerActivity v = value;
        if (v == null) {
          long[] kernel = WeightInit.kernelZeros(layer, model);
          v = new LayerActivity(model.nameOf(layer), zeros.outputZeros(), zeros.outputValues(),
              zeros.inputZeros(), zeros.inputValues(), kernel[0], kernel[1], params,
              stats.connections(), stats.neurons(), fedBySpikes(model, layer));
          value = v;
        }
        return v;
      }
    };
  }

  /**
   * Whether every input of every application of {@code layer} is spikes: made by a layer that
   * {@link LayerSpec#emitsSpikes() emits spikes}, directly or through layers that only move
   * values (flatten, reshape, dropout, at inference).
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

  /** {@return a layer's full-precision value of an activity column} */
  static Object value(LayerActivity a, Column.Kind kind, SummaryOptions o) {
    int t = o.timestepsPerInference();
    return switch (kind) {
      case SPARSITY -> a.activationSparsity();
      case WEIGHT_SPARSITY -> a.weightSparsity();
      case FOOTPRINT -> a.footprintBytes(o.footprintDtype());
      case DENSE_OPS -> a.denseOps(t);
      case EFFECTIVE_MACS -> a.effectiveMacs(t);
      case EFFECTIVE_ACS -> a.effectiveAcs(t);
      default -> throw new IllegalArgumentException("not an activity column: " + kind.key());
    };
  }

  /** {@return the model total of an activity column} */
  static Object total(ModelActivity m, Column.Kind kind, SummaryOptions o) {
    int t = o.timestepsPerInference();
    return switch (kind) {
      case SPARSITY -> m.activationSparsity();
      case WEIGHT_SPARSITY -> m.weightSparsity();
      case FOOTPRINT -> m.footprintBytes(o.footprintDtype());
      case DENSE_OPS -> m.denseOps(t);
      case EFFECTIVE_MACS -> m.effectiveMacs(t);
      case EFFECTIVE_ACS -> m.effectiveAcs(t);
      default -> throw new IllegalArgumentException("not an activity column: " + kind.key());
    };
  }

  /**
   * {@return a layer's summary cell}: fractions as the reference prints rates ({@code nan} when
   * missing), counts as integers, effective operations rounded to whole operations.
   */
  static String cell(LayerActivity a, Column.Kind kind, SummaryOptions o) {
    Object v = value(a, kind, o);
    if (v instanceof Long n) {
      return Long.toString(n);
    }
    double d = (Double) v;
    if (kind == Column.Kind.SPARSITY || kind == Column.Kind.WEIGHT_SPARSITY || !Double.isFinite(d)) {
      return PythonFormat.g2(d);
    }
    return Long.toString(Math.round(d));
  }

  /** {@return the export field of an activity column: {@code footprint_bytes} has its unit} */
  static String field(Column.Kind kind) {
    return kind == Column.Kind.FOOTPRINT ? "footprint_bytes" : kind.key();
  }

  /** {@return every layer's metrics} */
  static ModelActivity of(List<Supplier<LayerActivity>> layers) {
    return new ModelActivity(layers.stream().map(Supplier::get).toList());
  }
}
