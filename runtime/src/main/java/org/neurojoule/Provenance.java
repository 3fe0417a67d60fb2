package org.neurojoule;

import java.util.Objects;

/**
 * Where an imported model came from: the file, whether the file stored the model's weights, and how
 * a caller gives the model's input shape when the file leaves a dimension undefined. Every importer
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
 * @param inputShapeOption how the caller gives the input's sizes, named in errors about an
 *     undefined dimension: {@code Options.inputShape(...)} for the API, {@code --input-shape} for
 *     the command line
 */
public record Provenance(String source, boolean weightsRead, String inputShapeOption) {
  /** How the import APIs give an input shape: each importer's options have this method. */
  public static final String API_INPUT_SHAPE = "Options.inputShape(...)";

  /**
   * Checks the values.
   *
   * @throws NullPointerException if a value is null
   */
  public Provenance {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(inputShapeOption, "inputShapeOption == null");
  }

  /**
   * {@return the provenance of a model imported through the API from {@code source}}
   *
   * @param source the file, as the importer names it in its errors
   * @param weightsRead whether the file stored the weights
   */
  public static Provenance imported(String source, boolean weightsRead) {
    return new Provenance(source, weightsRead, API_INPUT_SHAPE);
  }

  /**
   * {@return this provenance, naming {@code option} as the way to give the input shape} The command
   * line names its flag: {@code --input-shape}.
   *
   * @param option how the caller gives the input's sizes
   */
  public Provenance withInputShapeOption(String option) {
    return new Provenance(source, weightsRead, option);
  }

  /**
   * {@return the provenance of a model whose weights were then read from {@code weightsFile}: the
   * source names both files}
   *
   * @param weightsFile the file the weights came from
   */
  public Provenance withWeightsFrom(String weightsFile) {
    return new Provenance(source + " with weights " + weightsFile, true, inputShapeOption);
  }

  /** The warning and summary note for a model whose firing rates use made-up weights. */
  String madeUpWeightsNote() {
    return source
        + " stores no weights: the firing rates, and so the energies of spiking devices, come"
        + " from made-up initial weights, not the trained ones";
  }
}
