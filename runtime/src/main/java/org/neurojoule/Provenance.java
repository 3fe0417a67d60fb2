package org.neurojoule;

import java.util.Objects;

/**
 * Where an imported model came from: the file, whether the file stored the model's weights, and
 * whether errors after the import name the API's options or the command line's. Every importer
 * records one on the {@link Model} it returns ({@link Model#provenance()}); a model built in Java
 * has none.
 *
 * <p>A file without weights (a Keras architecture JSON, an ONNX file exported with its weights as
 * graph inputs) still imports: its layers get initial values. Parameter counts and operation counts
 * do not depend on them, but firing rates measured on example data, and so the energies of spiking
 * devices, do; the estimate then warns, once per model, and says so in its summary's notes.
 *
 * @param source the file the model was imported from, as the importer names it in its errors
 * @param weightsRead whether the file stored the weights (false: the weights are made up)
 * @param commandLine whether errors name the command line's options ({@code --input-shape}, {@code
 *     --dt}, {@code --integration}) instead of the API's
 */
public record Provenance(String source, boolean weightsRead, boolean commandLine) {
  /**
   * Checks the values.
   *
   * @param source the file the model was imported from
   * @param weightsRead whether the file stored the weights
   * @param commandLine whether errors name the command line's options
   * @throws NullPointerException if the source is null
   */
  public Provenance {
    Objects.requireNonNull(source, "source == null");
  }

  /**
   * {@return the provenance of a model imported through the API from {@code source}}
   *
   * @param source the file, as the importer names it in its errors
   * @param weightsRead whether the file stored the weights
   */
  public static Provenance imported(String source, boolean weightsRead) {
    return new Provenance(source, weightsRead, false);
  }

  /** {@return this provenance, its errors naming the command line's options} */
  public Provenance namingCommandLineOptions() {
    return new Provenance(source, weightsRead, true);
  }

  /** {@return how to give the input's sizes: {@code Options.inputShape(...)} or --input-shape} */
  public String inputShapeOption() {
    return commandLine ? "--input-shape" : "Options.inputShape(...)";
  }

  /** {@return how to set the spiking simulation's timestep: simulate(dt) or --dt} */
  public String dtOption() {
    return commandLine ? "--dt" : "EnergyOptions.simulate(dt)";
  }

  /** {@return how to integrate a NIR model's neurons exactly} */
  public String exactIntegrationOption() {
    return commandLine ? "--integration exact" : "NirModels.Options.integration(Integration.EXACT)";
  }

  /**
   * {@return the provenance of a model whose weights were then read from {@code weightsFile}: the
   * source names both files}
   *
   * @param weightsFile the file the weights came from
   */
  public Provenance withWeightsFrom(String weightsFile) {
    return new Provenance(source + " with weights " + weightsFile, true, commandLine);
  }

  /** The warning and summary note for a model whose firing rates use made-up weights. */
  String madeUpWeightsNote() {
    return source
        + " stores no weights: the firing rates, and so the energies of spiking devices, come"
        + " from made-up initial weights, not the trained ones";
  }
}
