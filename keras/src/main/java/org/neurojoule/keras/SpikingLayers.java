package org.neurojoule.keras;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.neurojoule.layer.Filter;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.SpikingActivation;

/** KerasSpiking's layers: SpikingActivation and the Lowpass and Alpha filters. */
final class SpikingLayers {
  static final KerasLayerDescriptor SPIKING_ACTIVATION =
      KerasLayerDescriptor.of(
          "SpikingActivation",
          (c, in) -> {
            SpikingActivation s =
                SpikingActivation.of(ConfigKeys.activation(c, "activation", null))
                    .dt(c.number("dt", SpikingActivation.DEFAULT_DT))
                    .name(ConfigKeys.name(c));
            if (c.has("seed")) {
              Long seed = Cfg.asLong(c.raw("seed"));
              if (seed == null) {
                throw c.error(
                    "field 'seed' must be an integer, was " + Cfg.shortText(c.raw("seed")));
              }
              s = s.seed(seed);
            }
            return s;
          },
          "activation",
          "dt",
          "seed");
  static final KerasLayerDescriptor LOWPASS = filter("Lowpass", Filter::lowpass);
  static final KerasLayerDescriptor ALPHA = filter("Alpha", Filter::alpha);

  private static final Map<String, String> REFUSED =
      Map.of(
          "return_state", "returns its output only",
          "stateful", "restarts from its initial level on each input",
          "time_major", "reads (batch, time, ...)");

  private SpikingLayers() {}

  /** Constraints only act in training; return_state, stateful and time_major are refused. */
  private static KerasLayerDescriptor filter(String className, DoubleFunction<Filter> ofTau) {
    return KerasLayerDescriptor.of(
        className,
        (c, in) -> {
          if (!c.has("tau_initializer")) {
            throw c.error("field 'tau_initializer' is missing");
          }
          double tau = ConfigKeys.constantInitializer(c, "tau_initializer", Double.NaN);
          return options(c, ofTau.apply(tau));
        },
        "tau_initializer",
        "return_state",
        "stateful",
        "time_major",
        "dt",
        "level_initializer",
        "apply_during_training",
        "return_sequences");
  }

  private static LayerSpec options(Cfg c, Filter f) {
    for (String field : List.of("return_state", "stateful", "time_major")) {
      if (c.bool(field, false)) {
        throw c.error(
            "field '" + field + "' is true; NeuroJoule's " + f.type() + " " + REFUSED.get(field));
      }
    }
    return f.dt(c.number("dt", Filter.DEFAULT_DT))
        .levelInitializer(ConfigKeys.constantInitializer(c, "level_initializer", 0))
        .applyDuringTraining(c.bool("apply_during_training", true))
        .returnSequences(c.bool("return_sequences", true))
        .name(ConfigKeys.name(c));
  }
}
