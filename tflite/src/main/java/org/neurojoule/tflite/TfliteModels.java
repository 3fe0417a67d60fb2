package org.neurojoule.tflite;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.neurojoule.Model;
import org.neurojoule.TfliteImportException;

/**
 * Imports TensorFlow Lite models ({@code .tflite}), as the TFLite converter writes them: {@code
 * TfliteModels.load(Path.of("kws_ref_model.tflite")).energy().summary()}.
 *
 * <p>The main subgraph's operators become NeuroJoule layers in their order, in TFLite's own
 * channels-last layout, named after their operator and index ({@code conv_2d_0}). Quantized tensors
 * (int8, uint8, int16, per tensor or per channel) are dequantized with their scale and zero point,
 * so the forward pass ({@code predict}, firing rates) runs on real values; each layer records the
 * stored formats of its weights and activations ({@link org.neurojoule.Layer#precision()}). A fused
 * activation becomes an activation layer after its operator. {@link #supportedOperators()} lists
 * the operators that import; docs/importers.md says how each maps.
 *
 * <p>Every problem is a {@link TfliteImportException} naming the file and the place: the subgraph
 * and the operator (its index and opcode), or the tensor or buffer of a damaged file. Operators
 * without a mapping are refused naming the first, or, with {@link Options#allowUnknown(boolean)},
 * imported as zero-cost layers with a logged warning.
 */
public final class TfliteModels {
  private TfliteModels() {}

  /** Import options, set with a configurer: {@code o -> o.allowUnknown(true)}. */
  public static final class Options {
    private static final Options DEFAULTS = new Options(false);

    private final boolean allowUnknown;

    private Options(boolean allowUnknown) {
      this.allowUnknown = allowUnknown;
    }

    /**
     * {@return options where operators without a NeuroJoule mapping are (or are not) imported as
     * zero-cost layers, counted 0 with a warning, instead of failing the import}
     *
     * @param allow whether to import them
     */
    public Options allowUnknown(boolean allow) {
      return new Options(allow);
    }

    /** {@return whether unknown operators become zero-cost layers} */
    public boolean allowUnknown() {
      return allowUnknown;
    }
  }

  /**
   * {@return the model in the TFLite file {@code file}, its weights dequantized}
   *
   * @param file the {@code .tflite} file
   * @throws TfliteImportException naming the file, the subgraph, the operator and the problem
   */
  public static Model load(Path file) {
    return load(file, UnaryOperator.identity());
  }

  /**
   * {@return the model in {@code file}, imported with options}
   *
   * @param file the {@code .tflite} file
   * @param configure sets the options, e.g. {@code o -> o.allowUnknown(true)}
   * @throws TfliteImportException naming the file, the subgraph, the operator and the problem
   */
  public static Model load(Path file, UnaryOperator<Options> configure) {
    Objects.requireNonNull(file, "file == null");
    Options o =
        Objects.requireNonNull(
            Objects.requireNonNull(configure, "configure == null").apply(Options.DEFAULTS),
            "configure returned null");
    return new TfliteImporter(file, o.allowUnknown()).load();
  }

  /** {@return the TFLite operators that import, by their schema names, sorted} */
  public static List<String> supportedOperators() {
    return OperatorTable.STANDARD.names();
  }
}
