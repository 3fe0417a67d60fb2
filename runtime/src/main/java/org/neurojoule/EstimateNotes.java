package org.neurojoule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neurojoule.device.Device;
import org.neurojoule.device.OperationCosts;
import org.neurojoule.layer.Hint;

/** The notes printed under an estimate's summary and in its report, as the reference words them. */
final class EstimateNotes {
  static final String ESTIMATES_WARNING =
      "* These are estimates only; see the documentation of ModelEnergy for a list of the"
          + " assumptions being made.";
  static final String NON_SPIKING_WARNING = nonSpikingWarning(Hint.Audience.JAVA);

  private EstimateNotes() {}

  /** The reference's note on non-spiking activations, its advice worded for {@code audience}. */
  static String nonSpikingWarning(Hint.Audience audience) {
    return "* This model contains non-spiking activations that would not actually behave in the"
        + " manner we assume in these calculations; we assume these layers will be converted to"
        + " spiking equivalents. "
        + Hint.SPIKING_ACTIVATION.text(audience);
  }

  /**
   * {@return the notes under a summary that shows an energy column, with the timesteps per
   * inference when they are not simply one}
   *
   * @param figures the estimate and this call's options
   * @param spikingShown whether a spiking device is shown
   */
  static List<String> of(EstimateFigures figures, boolean spikingShown) {
    List<String> notes = of(figures.estimate(), spikingShown);
    timesteps(figures, spikingShown).ifPresent(n -> notes.add(1, n));
    return notes;
  }

  /**
   * {@return the note saying how many timesteps an inference lasts and why, when a spiking device
   * is shown and they are not the plain default of one}
   */
  static Optional<String> timesteps(EstimateFigures figures, boolean spikingShown) {
    int t = figures.timesteps();
    if (!spikingShown || (t == 1 && !figures.timestepsFromSequences())) {
      return Optional.empty();
    }
    String why =
        figures.timestepsFromSequences()
            ? "the length T of the simulated example sequences, so the rate-based energy covers"
                + " the same time as the counted one; set another with "
                + Hint.TIMESTEPS.text()
            : "as set";
    return Optional.of(
        "* Timesteps per inference on spiking devices: "
            + t
            + " of "
            + figures.options().dt()
            + " s ("
            + why
            + ").");
  }

  /**
   * {@return the notes under a summary that shows an energy column}
   *
   * @param estimate the estimate summarized
   * @param spikingShown whether a spiking device is shown
   */
  static List<String> of(Estimate estimate, boolean spikingShown) {
    List<String> notes = new ArrayList<>();
    notes.add(ESTIMATES_WARNING);
    boolean nonSpiking = false;
    for (EstimateRow r : estimate.rows()) {
      nonSpiking |= !r.stats().spiking();
    }
    if (spikingShown && nonSpiking) {
      notes.add(nonSpikingWarning(Hint.audience()));
    }
    if (!estimate.typesBeyondReference().isEmpty()) {
      notes.add(
          "* Counted beyond KerasSpiking ("
              + Hint.COMPLETE_ACCOUNTING.text()
              + "): "
              + String.join(", ", estimate.typesBeyondReference())
              + "; to reproduce its figures, "
              + Hint.KERAS_SPIKING_ACCOUNTING.text()
              + ".");
    }
    estimate.model().paramNotes().forEach(n -> notes.add("* " + n));
    if (estimate.options().exampleData().isPresent()) {
      estimate.model().madeUpWeightsNote().ifPresent(n -> notes.add("* " + n + "."));
    }
    return notes;
  }

  /**
   * {@return for each device shown that gives figures per data type, the note saying which figures
   * its layers were charged, such as {@code * Figures by data type on horowitz: float32 for 2
   * layers (MAC 4.6 pJ), int8 for 5 (MAC 0.23 pJ), int16 for 1 (no int16 figures: the default, MAC
   * 4.6 pJ).}}: layers with connections, by their weights' type; none under the reference and
   * calibrated energy models, which read no per-type figures
   *
   * @param figures the estimate and this call's options
   * @param shown the devices of the summary's columns
   */
  static List<String> dtypeFigures(EstimateFigures figures, List<Device> shown) {
    EnergyModel model = figures.energyModel();
    if (model != EnergyModel.MAC_AC && model != EnergyModel.MEMORY_AWARE) {
      return List.of();
    }
    Map<Dtype, Integer> layers = new EnumMap<>(Dtype.class);
    for (EstimateRow r : figures.estimate().rows()) {
      if (r.stats().connections() > 0) {
        layers.merge(r.facts().precision().mainWeights(), 1, Integer::sum);
      }
    }
    List<String> notes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Device d : shown) {
      OperationCosts costs = figures.costs(d);
      if (costs.perType().isEmpty() || layers.isEmpty() || !seen.add(d.name())) {
        continue;
      }
      StringBuilder note = new StringBuilder("* Figures by data type on " + d.name() + ": ");
      boolean first = true;
      for (Map.Entry<Dtype, Integer> e : layers.entrySet()) {
        Dtype t = e.getKey();
        int n = e.getValue();
        note.append(first ? "" : ", ")
            .append(t)
            .append(" for ")
            .append(n)
            .append(first ? (n == 1 ? " layer" : " layers") : "")
            .append(costs.perType().containsKey(t) ? " (" : " (no " + t + " figures: the default, ")
            .append("MAC ")
            .append(picojoules(costs.forDtype(t).energyPerMac()))
            .append(" pJ)");
        first = false;
      }
      notes.add(note.append('.').toString());
    }
    return notes;
  }

  /** {@return joules in picojoules to three significant digits, without trailing zeros} */
  private static String picojoules(double joules) {
    return new BigDecimal(joules * 1e12)
        .round(new MathContext(3))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** {@return the note under a summary counted with {@code model}, never the reference} */
  static String energyModel(EnergyModel model) {
    return "* Energy model "
        + model
        + ": "
        + (model == EnergyModel.CALIBRATED
            ? "the device's terms fitted on measured energies: a fixed overhead and an energy per"
                + " layer paid once per inference batch, an energy per connection and per neuron"
                + " update (see EnergyModel)."
            : model == EnergyModel.MAC_AC
                ? "one MAC per connection, one AC per synaptic event of event-driven layers, and the"
                    + " device's figure per neuron update (see EnergyModel)."
                : "MAC/AC operations plus weight, bias, input, output and potential memory accesses"
                    + " by memory size, and event addressing, after Lemaire et al., ICONIP 2022 (see"
                    + " EnergyModel).");
  }
}
