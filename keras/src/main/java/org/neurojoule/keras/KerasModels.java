package org.neurojoule.keras;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.neurojoule.KerasImportException;
import org.neurojoule.Model;
import org.neurojoule.Models;

/**
 * Imports Keras models: {@code KerasModels.load(Path.of("model.h5")).energy().summary()}.
 *
 * <p>Reads legacy full-model {@code .h5} files ({@code model_config} and {@code model_weights}),
 * {@code .keras} archives ({@code config.json} and {@code model.weights.h5}), architecture JSON
 * from {@code model.to_json()} (Keras 2, tf.keras and Keras 3 dialects; Sequential and Functional,
 * shared layers, nested models) and weights-only {@code .h5} files onto such an architecture. The
 * format is recognized from the file's first bytes. Layer names come from the file; stored weights
 * are set on the layers, so firing rates use them.
 *
 * <p>Every problem is a {@link KerasImportException} naming the file, the place in it and what is
 * wrong. Layers without a NeuroJoule equivalent are listed together in one such error, or, with
 * {@link Options#allowUnknown(boolean)}, imported as zero-cost layers (with a logged warning) that
 * the estimate then reports as "Cannot compute stats for layer of type ...", as the reference does.
 * {@link Options#inputShape(int...)} gives sizes to a model saved with undefined input dimensions.
 */
public final class KerasModels {
  private KerasModels() {}

  /**
   * Import options, set with a configurer: {@code o -> o.allowUnknown(true)}, {@code o ->
   * o.inputShape(12, 12, 3)}.
   */
  public static final class Options {
    private final Models.Options shared;
    private final Optional<Path> weights;

    private Options(Models.Options shared, Optional<Path> weights) {
      this.shared = shared;
      this.weights = weights;
    }

    private Options(Models.Options shared) {
      this(shared, Optional.empty());
    }

    /** {@return the default options: no unknown layers allowed, the file's input shapes} */
    public static Options defaults() {
      return new Options(Models.Options.defaults());
    }

    /**
     * {@return options that read the weights from {@code weightsH5}, a {@code save_weights()} file,
     * onto the architecture JSON being loaded} Without it, a JSON architecture imports with initial
     * weights, and firing rates measured on it come from those (the estimate warns). As {@link
     * KerasModels#load(Path, Path)}; a full-model file or archive with this option is an error.
     *
     * @param weightsH5 the weights-only {@code .h5} file
     */
    public Options weights(Path weightsH5) {
      return new Options(
          shared, Optional.of(Objects.requireNonNull(weightsH5, "weightsH5 == null")));
    }

    /** {@return the weights-only file given with {@link #weights(Path)}, if any} */
    public Optional<Path> weights() {
      return weights;
    }

    /**
     * {@return options where layers without a NeuroJoule equivalent are (or are not) imported as
     * zero-cost layers, counted 0 with a warning, instead of failing the import}
     *
     * @param allow whether to import them
     */
    public Options allowUnknown(boolean allow) {
      return new Options(shared.allowUnknown(allow), weights);
    }

    /** {@return whether unknown layers become zero-cost layers} */
    public boolean allowUnknown() {
      return shared.allowUnknown();
    }

    /**
     * {@return options that give the only input of the model this shape (without the batch),
     * replacing any input shapes set before} For models saved with undefined dimensions, such as
     * {@code (None, None, None, 3)}, whose statistics need sizes: {@code inputShape(12, 12, 3)}.
     * The import checks that the rank is the file's and that every dimension the file defines is
     * the one given; {@code -1} ({@link Model#NONE}) keeps the file's dimension, so that a leading
     * time axis can stay undefined: {@code inputShape(-1, 64)}.
     *
     * @param dims the dimensions, each positive or -1
     * @throws IllegalArgumentException naming the value if a dimension is 0 or below -1
     */
    public Options inputShape(int... dims) {
      return new Options(shared.inputShape(dims), weights);
    }

    /**
     * {@return options that give inputs of the model these shapes, by input layer name, replacing
     * any input shapes set before} Inputs not named keep the file's shape; each given shape is
     * checked as by {@link #inputShape(int...)}, and a name that is not an input of the model is an
     * error listing its inputs.
     *
     * @param shapes the dimensions (without the batch) per input layer name
     * @throws IllegalArgumentException naming the input and the value if a dimension is 0 or below
     *     -1
     */
    public Options inputShapes(Map<String, int[]> shapes) {
      return new Options(shared.inputShapes(shapes), weights);
    }

    /** {@return the shape given for the only input, if any (a copy)} */
    public Optional<int[]> inputShape() {
      return shared.inputShape();
    }

    /** {@return the shapes given by input name (copies), empty if none} */
    public Map<String, int[]> inputShapes() {
      return shared.inputShapes();
    }

    private KerasImporter importer() {
      return new KerasImporter(shared.allowUnknown(), shared.inputShape(), shared.inputShapes());
    }
  }

  /**
   * {@return the model in {@code file}: a full-model {@code .h5}/{@code .hdf5}, a {@code .keras}
   * archive or a {@code .json} architecture (without weights)}
   *
   * @param file the Keras file
   * @throws KerasImportException naming the file, the place and the problem
   */
  public static Model load(Path file) {
    return load(file, UnaryOperator.identity());
  }

  /**
   * {@return the model in {@code file}, imported with options}
   *
   * @param file the Keras file
   * @param configure sets the options on the defaults
   * @throws KerasImportException naming the file, the place and the problem
   */
  public static Model load(Path file, UnaryOperator<Options> configure) {
    Objects.requireNonNull(file, "file == null");
    Options options = options(configure);
    return options.weights.isPresent()
        ? options.importer().load(file, options.weights.get())
        : options.importer().load(file);
  }

  /**
   * {@return the architecture of {@code architectureJson} with the weights of {@code weightsH5}}
   * Layers are matched by name when the names agree, else by position among the layers with
   * weights, as Keras' {@code load_weights} does.
   *
   * @param architectureJson the {@code model.to_json()} file
   * @param weightsH5 the {@code model.save_weights()} file
   * @throws KerasImportException naming the file, the place and the problem
   */
  public static Model load(Path architectureJson, Path weightsH5) {
    return load(architectureJson, weightsH5, UnaryOperator.identity());
  }

  /**
   * {@return the architecture of {@code architectureJson} with the weights of {@code weightsH5},
   * imported with options}
   *
   * @param architectureJson the {@code model.to_json()} file
   * @param weightsH5 the {@code model.save_weights()} file
   * @param configure sets the options on the defaults
   * @throws KerasImportException naming the file, the place and the problem
   */
  public static Model load(
      Path architectureJson, Path weightsH5, UnaryOperator<Options> configure) {
    Objects.requireNonNull(architectureJson, "architectureJson == null");
    Objects.requireNonNull(weightsH5, "weightsH5 == null");
    return options(configure).weights(weightsH5).importer().load(architectureJson, weightsH5);
  }

  private static Options options(UnaryOperator<Options> configure) {
    Objects.requireNonNull(configure, "configure == null");
    return Objects.requireNonNull(configure.apply(Options.defaults()), "configure returned null");
  }
}
