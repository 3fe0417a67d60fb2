package org.neurojoule;

import java.util.Objects;
import java.util.function.Supplier;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.ParamCount;

/**
 * One layer of an {@link Estimate}: what the columns show of it, everything else being derived from
 * these with a call's options.
 *
 * @param name the layer's name in the model
 * @param type its Keras type
 * @param outputShape its output shape as the summary prints it
 * @param params its parameters
 * @param stats its statistics, summed over its applications ({@link LayerStats#NONE} when it cannot
 *     be counted)
 * @param beyondReference whether the accounting mode counts it differently from the reference
 * @param rate its firing rate in hertz; NaN without example data
 * @param facts what the energy models beyond the reference's read of it
 * @param lazyActivity its activity metrics, computed on first use (they read every weight)
 */
record EstimateRow(
    String name,
    String type,
    String outputShape,
    ParamCount params,
    LayerStats stats,
    boolean beyondReference,
    double rate,
    LayerFacts facts,
    Supplier<LayerActivity> lazyActivity) {

  EstimateRow {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(outputShape, "outputShape == null");
    Objects.requireNonNull(params, "params == null");
    Objects.requireNonNull(stats, "stats == null");
    Objects.requireNonNull(facts, "facts == null");
    Objects.requireNonNull(lazyActivity, "lazyActivity == null");
  }

  /** {@return the layer's activity metrics} */
  LayerActivity activity() {
    return lazyActivity.get();
  }
}
