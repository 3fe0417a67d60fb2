package org.neurojoule;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.neurojoule.keras.KerasImporter;

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
 */
public final class KerasModels {
  private KerasModels() {}

  /** Import options, set with a configurer: {@code o -> o.allowUnknown(true)}. */
  public static final class Options {
    private final boolean allowUnknown;

    private Options(boolean allowUnknown) {
      this.allowUnknown = allowUnknown;
    }

    /**
     * {@return options where layers without a NeuroJoule equivalent are (or are not) imported as
     * zero-cost layers, counted 0 with a warning, instead of failing the import}
     *
     * @param allow whether to import them
     */
    public Options allowUnknown(boolean allow) {
      return new Options(allow);
    }

    /** {@return whether unknown layers become zero-cost layers} */
    public boolean allowUnknown() {
      return allowUnknown;
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
    return new KerasImporter(options(configure).allowUnknown()).load(file);
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
  public static Model load(Path architectureJson, Path weightsH5,
      UnaryOperator<Options> configure) {
    Objects.requireNonNull(architectureJson, "architectureJson == null");
    Objects.requireNonNull(weightsH5, "weightsH5 == null");
    return new KerasImporter(options(configure).allowUnknown()).load(architectureJson, weightsH5);
  }

  private static Options options(UnaryOperator<Options> configure) {
    Objects.requireNonNull(configure, "configure == null");
    return Objects.requireNonNull(configure.apply(new Options(false)), "configure returned null");
  }
}
