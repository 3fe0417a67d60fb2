package org.neurojoule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.neurojoule.importing.ModelFormat;

/**
 * Imports a model file of any format whose importer is on the class path or module path: {@code
 * Models.load(Path.of("resnet18.onnx")).energy().summary()}.
 *
 * <p>The format is recognized from the file's first bytes (and, where two formats share a
 * container, from its name). Each format is its own artifact: {@code neurojoule-keras} ({@code
 * .h5}, {@code .keras}, architecture {@code .json}), {@code neurojoule-onnx} ({@code .onnx}),
 * {@code neurojoule-tflite} ({@code .tflite}) and {@code neurojoule-nir} ({@code .nir}); {@code
 * neurojoule} brings all of them. The per-format classes ({@code KerasModels}, {@code OnnxModels},
 * {@code TfliteModels}, {@code NirModels}) stay for their own options.
 */
public final class Models {
  /** How many of a file's first bytes a {@link ModelFormat} sees to recognize it. */
  public static final int HEAD_BYTES = 512;

  private Models() {}

  /**
   * Import options shared by the formats, set with a configurer: {@code o ->
   * o.allowUnknown(true).inputShape(224, 224, 3)}. A format with stricter rules checks the values
   * again (ONNX takes no -1); a format that has no use for an option ignores it.
   */
  public static final class Options {
    private static final Options DEFAULTS = new Options(false, Optional.empty(), Map.of());

    /** {@return the defaults: unknown layers refused, the file's input shapes} */
    public static Options defaults() {
      return DEFAULTS;
    }

    private final boolean allowUnknown;
    private final Optional<int[]> inputShape;
    private final Map<String, int[]> inputShapes;

    private Options(
        boolean allowUnknown, Optional<int[]> inputShape, Map<String, int[]> inputShapes) {
      this.allowUnknown = allowUnknown;
      this.inputShape = inputShape;
      this.inputShapes = inputShapes;
    }

    /**
     * {@return options where layers or operators without a NeuroJoule equivalent are (or are not)
     * imported as zero-cost layers, counted 0 with a warning, instead of failing the import}
     *
     * @param allow whether to import them
     */
    public Options allowUnknown(boolean allow) {
      return new Options(allow, inputShape, inputShapes);
    }

    /** {@return whether unknown layers become zero-cost layers} */
    public boolean allowUnknown() {
      return allowUnknown;
    }

    /**
     * {@return options that give the only input of the model this shape (without the batch),
     * replacing input shapes set before; {@code -1} ({@link Model#NONE}) keeps the file's
     * dimension}
     *
     * @param dims the dimensions, each positive or -1
     * @throws IllegalArgumentException naming the value if a dimension is 0 or below -1
     */
    public Options inputShape(int... dims) {
      return new Options(allowUnknown, Optional.of(checked("inputShape", dims)), Map.of());
    }

    /** {@return the shape given for the only input, if any (a copy)} */
    public Optional<int[]> inputShape() {
      return inputShape.map(int[]::clone);
    }

    /**
     * {@return options that give inputs of the model these shapes, by input name, replacing input
     * shapes set before; each shape is checked as by {@link #inputShape(int...)}}
     *
     * @param shapes the dimensions (without the batch) per input name
     * @throws IllegalArgumentException naming the input and the value if a dimension is 0 or below
     *     -1
     */
    public Options inputShapes(Map<String, int[]> shapes) {
      Objects.requireNonNull(shapes, "shapes == null");
      Map<String, int[]> copy = new LinkedHashMap<>();
      shapes.forEach(
          (name, dims) ->
              copy.put(
                  Objects.requireNonNull(name, "input name == null"),
                  checked("inputShapes '" + name + "'", dims)));
      return new Options(allowUnknown, Optional.empty(), Collections.unmodifiableMap(copy));
    }

    /** {@return the shapes given by input name (copies), empty if none} */
    public Map<String, int[]> inputShapes() {
      Map<String, int[]> copy = new LinkedHashMap<>();
      inputShapes.forEach((k, v) -> copy.put(k, v.clone()));
      return copy;
    }

    private static int[] checked(String what, int[] dims) {
      Objects.requireNonNull(dims, what + " == null");
      if (dims.length == 0) {
        throw new IllegalArgumentException(what + ": no dimensions given");
      }
      for (int d : dims) {
        if (d < 1 && d != Model.NONE) {
          throw new IllegalArgumentException(
              what
                  + ": dimension "
                  + d
                  + " in "
                  + Arrays.toString(dims)
                  + " must be positive, or -1 to keep the file's");
        }
      }
      return dims.clone();
    }
  }

  /**
   * {@return the model in {@code file}, in whichever format it is}
   *
   * @param file the model file
   * @throws IllegalArgumentException if the file cannot be read, or no importer on the class path
   *     recognizes it (naming the formats there are and the artifacts that add others)
   * @throws ImportException naming the file, the place and the problem, from its importer
   */
  public static Model load(Path file) {
    return load(file, UnaryOperator.identity());
  }

  /**
   * {@return the model in {@code file}, imported with options}
   *
   * @param file the model file
   * @param configure sets the options, e.g. {@code o -> o.allowUnknown(true)}
   * @throws IllegalArgumentException if the file cannot be read or no importer recognizes it
   * @throws ImportException naming the file, the place and the problem, from its importer
   */
  public static Model load(Path file, UnaryOperator<Options> configure) {
    Objects.requireNonNull(file, "file == null");
    Options options =
        Objects.requireNonNull(configure, "configure == null").apply(Options.DEFAULTS);
    return formatOf(file).load(file, Objects.requireNonNull(options, "configure returned null"));
  }

  /** {@return the formats whose importers are on the class path, by name} */
  public static List<String> formats() {
    return installed().stream().map(ModelFormat::name).sorted().collect(Collectors.toList());
  }

  /**
   * {@return the importer for {@code file}}
   *
   * @param file the model file
   * @throws IllegalArgumentException if the file cannot be read or no importer recognizes it
   */
  static ModelFormat formatOf(Path file) {
    byte[] head = head(file);
    List<ModelFormat> formats = installed();
    List<ModelFormat> matches = new ArrayList<>();
    for (ModelFormat f : formats) {
      if (f.recognizes(file, head)) {
        matches.add(f);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException(
          "'"
              + file
              + "' could be "
              + names(matches)
              + ": load it with that format's own class (KerasModels, OnnxModels, TfliteModels,"
              + " NirModels)");
    }
    throw new IllegalArgumentException(unrecognized(file, formats));
  }

  private static String unrecognized(Path file, List<ModelFormat> formats) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    for (ModelFormat f : formats) {
      for (String ext : f.extensions()) {
        if (name.endsWith(ext)) {
          return "'"
              + file
              + "' is named like a "
              + f.name()
              + " file ("
              + ext
              + ") but does not start like one";
        }
      }
    }
    String known =
        formats.isEmpty()
            ? "no importer is on the class path"
            : "the importers on the class path (" + names(formats) + ") do not recognize it";
    return "cannot tell the format of '"
        + file
        + "': "
        + known
        + "; the artifacts"
        + " neurojoule-keras (.h5, .keras, .json), neurojoule-onnx (.onnx), neurojoule-tflite"
        + " (.tflite) and neurojoule-nir (.nir) each add one, and neurojoule brings all of them";
  }

  private static String names(List<ModelFormat> formats) {
    return formats.stream().map(ModelFormat::name).sorted().collect(Collectors.joining(", "));
  }

  private static List<ModelFormat> installed() {
    List<ModelFormat> formats = new ArrayList<>();
    ServiceLoader.load(ModelFormat.class, Models.class.getClassLoader()).forEach(formats::add);
    return formats;
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read model file '"
              + file
              + "': "
              + (Files.exists(file) ? e.getMessage() : "no such file"),
          e);
    }
  }
}
