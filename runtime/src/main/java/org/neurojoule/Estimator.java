package org.neurojoule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neurojoule.engine.FiringRates;
import org.neurojoule.engine.SpikingSimulation;
import org.neurojoule.engine.ZeroCounts;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.Layers;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Computes an {@link Estimate}: runs the spiking simulation or measures the firing rates when the
 * options ask, counts every layer with the registered rule or the built-in statistics, and collects
 * (and logs) the warnings.
 */
final class Estimator {
  /** The estimate's warnings are logged as {@code ModelEnergy}'s, where users look for them. */
  private static final System.Logger LOG = System.getLogger(ModelEnergy.class.getName());

  private final Model model;
  private final EnergyOptions options;
  private final LayerRuleRegistry rules;

  private Estimator(Model model, EnergyOptions options, LayerRuleRegistry rules) {
    this.model = model;
    this.options = options;
    this.rules = rules;
  }

  /**
   * {@return the estimate of {@code model} made with {@code options}}
   *
   * @throws IllegalArgumentException if a layer's statistics cannot be computed, naming it
   */
  static Estimate estimate(Model model, EnergyOptions options, LayerRuleRegistry rules) {
    try {
      return new Estimator(model, options, rules).estimate();
    } catch (ShapeException e) {
      throw namingTheFile(model, e);
    }
  }

  /**
   * An undefined dimension of an imported model is the file's: the error names the file and the
   * option that gives the sizes ({@code Options.inputShape(...)}, or the command line's {@code
   * --input-shape}).
   */
  private static ShapeException namingTheFile(Model model, ShapeException e) {
    Optional<Provenance> p = model.provenance();
    if (p.isEmpty() || e.error() != ShapeError.UNDEFINED_DIMENSION) {
      return e;
    }
    String detail =
        e.detail()
            + " (the model comes from "
            + p.get().source()
            + ", which leaves an input dimension undefined: give its sizes with "
            + p.get().inputShapeOption()
            + ")";
    ShapeException named = ShapeException.of(e.error(), e.inputShapes(), detail);
    if (e.layerName().isPresent()) {
      named =
          named.inLayer(
              e.layerIndex().orElse(-1), e.layerName().get(), e.layerDescription().orElse(""));
    }
    named.initCause(e);
    return named;
  }

  private Estimate estimate() {
    Optional<SpikingSimulation.Result> simulated = simulate();
    Optional<FiringRates.Measurement> measured =
        simulated.isPresent()
            ? Optional.empty()
            : options
                .exampleData()
                .map(
                    data ->
                        FiringRates.measure(
                            model, model.preparedPasses(), model.weightsVersion(), data, options));
    Map<Layer, Double> rates =
        simulated
            .map(SpikingSimulation.Result::rates)
            .or(() -> measured.map(FiringRates.Measurement::rates))
            .orElse(Map.of());
    Map<Layer, ZeroCounts> zeros = measured.map(FiringRates.Measurement::zeros).orElse(Map.of());
    Set<String> uncounted = new LinkedHashSet<>();
    Set<String> beyond = new LinkedHashSet<>();
    List<EstimateRow> rows = new ArrayList<>();
    for (Layer layer : model.layers()) {
      LayerFacts facts = LayerFacts.of(model, layer);
      Optional<LayerStats> stats = stats(layer, options.accounting());
      if (stats.isEmpty()) {
        uncounted.add(Layers.statsType(layer.spec()));
      }
      // A layer the reference cannot count counts as zero there, so only real counts differ.
      boolean differs =
          options.accounting() != Accounting.KERAS_SPIKING
              && !stats
                  .orElse(LayerStats.NONE)
                  .equals(stats(layer, Accounting.KERAS_SPIKING).orElse(LayerStats.NONE));
      if (differs) {
        beyond.add(Layers.statsType(layer.spec()));
      }
      LayerStats counted = stats.orElse(LayerStats.NONE);
      rows.add(
          new EstimateRow(
              model.nameOf(layer),
              layer.type(),
              model.printedShape(layer),
              model.params(layer),
              counted,
              differs,
              rates.getOrDefault(layer, Double.NaN),
              facts,
              ActivityMetrics.lazy(
                  model,
                  layer,
                  counted,
                  model.params(layer).total(),
                  zeros.getOrDefault(layer, ZeroCounts.NONE))));
    }
    List<String> warnings = new ArrayList<>();
    uncounted.forEach(t -> warnings.add("Cannot compute stats for layer of type '" + t + "'"));
    warnings.addAll(LayoutWarnings.of(model));
    if (simulated.isPresent() || measured.isPresent()) {
      model.madeUpWeightsNote().ifPresent(warnings::add);
    }
    if (options.logWarnings()) {
      // As the reference's Python warnings: on stderr (System.Logger's default) when the
      // estimate is made, each once per model; the summary text stays the reference's.
      for (String warning : warnings) {
        if (model.firstTimeWarned(warning)) {
          LOG.log(System.Logger.Level.WARNING, warning);
        }
      }
    }
    return new Estimate(
        model, options, rows, warnings, beyond, simulated.map(SpikingSimulation.Result::counts));
  }

  private Optional<SpikingSimulation.Result> simulate() {
    if (options.simulationDt().isEmpty()) {
      return Optional.empty();
    }
    ExampleData data =
        options
            .exampleData()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the spiking simulation (simulate(dt)) needs example data: sequences (N, T, step...),"
                            + " as in e -> e.exampleData(ExampleData.fromNpy(path)).simulate(0.001)"));
    return Optional.of(
        SpikingSimulation.simulate(
            model,
            data,
            options.simulationDt().getAsDouble(),
            options.reset(),
            SpikingSimulation.miniBatch(options.batchSize(), data),
            options.accounting()));
  }

  /** The statistics of {@code layer} summed over its applications; empty if there is no rule. */
  private Optional<LayerStats> stats(Layer layer, Accounting accounting) {
    LayerStats sum = null;
    List<Tensor> nodes = model.applications(layer);
    for (Tensor node : nodes) {
      List<Shape> in = Model.shapesOf(node.inputs());
      Optional<LayerStats> one = statsOf(layer, in, node.shape(), accounting);
      if (one.isEmpty()) {
        return Optional.empty();
      }
      try {
        sum = sum == null ? one.get() : sum.plus(one.get());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "layer '"
                + model.nameOf(layer)
                + "' ("
                + layer.type()
                + "), applied "
                + nodes.size()
                + " times: "
                + e.getMessage(),
            e);
      }
    }
    return Optional.ofNullable(sum);
  }

  private Optional<LayerStats> statsOf(
      Layer layer, List<Shape> inputs, Shape output, Accounting accounting) {
    Optional<LayerStatsRule> rule = rules.rule(layer.type());
    if (rule.isPresent()) {
      LayerStats stats = rule.get().stats(layer.spec(), inputs, output);
      if (stats == null) {
        throw new IllegalStateException(
            "the rule registered for layer type '"
                + layer.type()
                + "' returned null for layer '"
                + model.nameOf(layer)
                + "'; a rule must return"
                + " LayerStats (LayerStats.NONE for nothing to count)");
      }
      return Optional.of(stats);
    }
    return Layers.stats(
        model.indexOf(layer), model.nameOf(layer), layer.spec(), inputs, output, accounting);
  }
}
