package org.neurojoule;

import java.util.ArrayList;
import java.util.List;

/** The notes printed under an estimate's summary and in its report, as the reference words them. */
final class EstimateNotes {
  static final String ESTIMATES_WARNING =
      "* These are estimates only; see the documentation of ModelEnergy for a list of the"
          + " assumptions being made.";
  static final String NON_SPIKING_WARNING =
      "* This model contains non-spiking activations that would not actually behave in the manner"
          + " we assume in these calculations; we assume these layers will be converted to"
          + " spiking equivalents. Consider using `spikingActivation(...)` to make this"
          + " conversion explicit.";

  private EstimateNotes() {}

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
      notes.add(NON_SPIKING_WARNING);
    }
    if (!estimate.typesBeyondReference().isEmpty()) {
      notes.add(
          "* Counted beyond KerasSpiking (Accounting.COMPLETE): "
              + String.join(", ", estimate.typesBeyondReference())
              + "; to reproduce its figures,"
              + " use energy(e -> e.accounting(Accounting.KERAS_SPIKING)).");
    }
    estimate.model().paramNotes().forEach(n -> notes.add("* " + n));
    return notes;
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
