package org.neurojoule.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.neurojoule.Model;
import org.neurojoule.examples.Architectures;
import org.neurojoule.keras.KerasModels;
import org.neurojoule.nir.NirModels;
import org.neurojoule.onnx.OnnxModels;
import org.neurojoule.tflite.TfliteModels;

/**
 * What a MODEL argument names: a bundled example (ignoring case), a NIR graph (.nir, read by {@link
 * NirModels}), an ONNX file (.onnx, read by {@link OnnxModels}), a TensorFlow Lite file (.tflite,
 * read by {@link TfliteModels}) or a Keras file (.h5, .keras or an architecture .json), read by
 * {@link KerasModels}.
 */
final class ModelSource {
  /** The bundled examples, in the order help and errors list them. */
  static final Map<String, Supplier<Model>> BUNDLED = bundled();

  private ModelSource() {}

  /**
   * {@return the model {@code spec} names}
   *
   * @param spec a bundled name such as {@code mnist}, or a path
   * @param options the import options of a model file
   * @param inputShapeGiven whether --input-shape was given, which applies to model files only
   * @throws IllegalArgumentException naming {@code spec} if it is neither, or if it is a bundled
   *     model and an input shape was given
   */
  static Model load(
      String spec, UnaryOperator<KerasModels.Options> options, boolean inputShapeGiven) {
    return load(spec, options, inputShapeGiven, UnaryOperator.identity());
  }

  /**
   * {@return the model {@code spec} names, an {@code .onnx} file imported with {@code onnx}}
   *
   * @param spec a bundled name such as {@code mnist}, or a path
   * @param options the import options of a Keras file
   * @param inputShapeGiven whether --input-shape was given, which applies to model files only
   * @param onnx the import options of an ONNX file
   * @throws IllegalArgumentException naming {@code spec} if it is neither, or if it is a bundled
   *     model and an input shape was given
   */
  static Model load(
      String spec,
      UnaryOperator<KerasModels.Options> options,
      boolean inputShapeGiven,
      UnaryOperator<OnnxModels.Options> onnx) {
    return load(spec, options, inputShapeGiven, onnx, UnaryOperator.identity());
  }

  /**
   * {@return the model {@code spec} names, a {@code .nir} graph imported with {@code nir}}
   *
   * @param spec a bundled name such as {@code mnist}, or a path
   * @param options the import options of a Keras file
   * @param inputShapeGiven whether --input-shape was given, which applies to model files only
   * @param onnx the import options of an ONNX file
   * @param nir the import options of a NIR graph (--integration)
   * @throws IllegalArgumentException naming {@code spec} if it is neither, or if an option does not
   *     apply to it
   */
  static Model load(
      String spec,
      UnaryOperator<KerasModels.Options> options,
      boolean inputShapeGiven,
      UnaryOperator<OnnxModels.Options> onnx,
      UnaryOperator<NirModels.Options> nir) {
    Supplier<Model> bundled = BUNDLED.get(spec.toLowerCase(Locale.ROOT));
    boolean weightsGiven = options.apply(KerasModels.Options.defaults()).weights().isPresent();
    if (bundled != null && weightsGiven) {
      throw new IllegalArgumentException(
          "--weights applies to a Keras architecture JSON; '"
              + spec
              + "' is a bundled model, which has its own weights");
    }
    if (bundled != null) {
      if (inputShapeGiven) {
        throw new IllegalArgumentException(
            "--input-shape applies to model files; '"
                + spec
                + "' is a bundled model, declared with its own input shape");
      }
      return bundled.get();
    }
    Path path = Path.of(spec);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(
          "'" + spec + "' is neither a bundled model (" + names() + ") nor an existing file");
    }
    Model m = loadFile(spec, path, options, inputShapeGiven, weightsGiven, onnx, nir);
    // Errors after import (an undefined input dimension, too long a dt) name the flags.
    m.provenance().ifPresent(p -> m.recordProvenance(p.namingCommandLineOptions()));
    return m;
  }

  private static Model loadFile(
      String spec,
      Path path,
      UnaryOperator<KerasModels.Options> options,
      boolean inputShapeGiven,
      boolean weightsGiven,
      UnaryOperator<OnnxModels.Options> onnx,
      UnaryOperator<NirModels.Options> nir) {
    boolean keras =
        !path.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(nir|onnx|tflite)");
    if (!keras && weightsGiven) {
      throw new IllegalArgumentException(
          "--weights applies to a Keras architecture JSON; '" + spec + "' stores its own weights");
    }
    if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nir")) {
      if (inputShapeGiven) {
        throw new IllegalArgumentException(
            "--input-shape applies to Keras files; '"
                + spec
                + "' is a NIR graph, which declares its own input shape");
      }
      return NirModels.load(path, nir);
    }
    if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      return OnnxModels.load(path, onnx);
    }
    if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tflite")) {
      if (inputShapeGiven) {
        throw new IllegalArgumentException(
            "--input-shape applies to Keras and ONNX files; '"
                + spec
                + "' is a TFLite model, which declares its own input shape");
      }
      boolean allowUnknown = options.apply(KerasModels.Options.defaults()).allowUnknown();
      return TfliteModels.load(path, o -> o.allowUnknown(allowUnknown));
    }
    return KerasModels.load(path, options);
  }

  /** {@return the bundled names, comma separated} */
  static String names() {
    return String.join(", ", BUNDLED.keySet());
  }

  private static Map<String, Supplier<Model>> bundled() {
    Map<String, Supplier<Model>> m = new LinkedHashMap<>();
    m.put("mnist", Architectures::mnist);
    m.put("vgg9", Architectures::vgg9);
    m.put("lcrm-vgg9", Architectures::lcrmVgg9);
    m.put("alexnet", Architectures::alexNet);
    m.put("lcrm-alexnet", Architectures::lcrmAlexNet);
    m.put("blouw-kws", Architectures::blouwKws);
    for (int n = 1; n <= 10; n++) {
      int branches = n;
      m.put("blouw-kws-scaled-" + n, () -> Architectures.blouwKwsScaled(branches));
    }
    m.put("pilotnet-lif", Architectures::pilotNetLif);
    m.put("mlperf-tiny-kws", Architectures::mlperfTinyKws);
    m.put("akidanet-0.5", Architectures::akidaNet05);
    return m;
  }
}
