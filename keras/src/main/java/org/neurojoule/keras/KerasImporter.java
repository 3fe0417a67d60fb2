package org.neurojoule.keras;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurojoule.KerasImportException;
import org.neurojoule.Model;
import org.neurojoule.Provenance;
import org.neurojoule.keras.ModelDef.LayerDef;

/**
 * Reads a Keras file into a {@link Model}: recognizes the format by its first bytes (HDF5, zip,
 * JSON), never by its extension, and reports every problem as one {@link KerasImportException}.
 */
final class KerasImporter {
  private static final System.Logger LOG = System.getLogger(KerasImporter.class.getName());
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** The largest JSON architecture read. */
  static final long MAX_JSON_BYTES = 64L << 20;

  private final boolean allowUnknown;
  private final InputShapes inputShapes;
  private List<String> warnings = List.of();

  /**
   * Creates an importer.
   *
   * @param allowUnknown whether layers without a NeuroJoule equivalent become zero-cost layers
   */
  public KerasImporter(boolean allowUnknown) {
    this(allowUnknown, java.util.Optional.empty(), java.util.Map.of());
  }

  /**
   * Creates an importer that replaces the declared input shapes, checked against the file's.
   *
   * @param allowUnknown whether layers without a NeuroJoule equivalent become zero-cost layers
   * @param inputShape the shape (without the batch) of the model's only input, if given
   * @param inputShapes shapes by input layer name (empty if none); {@code -1} keeps a dimension
   */
  public KerasImporter(
      boolean allowUnknown,
      java.util.Optional<int[]> inputShape,
      java.util.Map<String, int[]> inputShapes) {
    this.allowUnknown = allowUnknown;
    this.inputShapes =
        inputShape.isEmpty() && inputShapes.isEmpty()
            ? InputShapes.NONE_GIVEN
            : new InputShapes(inputShape, inputShapes);
  }

  /** {@return the warnings of the last import (one per zero-cost stand-in)} */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Imports a full model: legacy {@code .h5}, {@code .keras} archive or architecture JSON.
   *
   * @param file the file
   * @return the model, with the stored weights if the file has any
   */
  public Model load(Path file) {
    String label = file.toString();
    long size = checkedSize(file, label);
    byte[] head = head(file, label);
    if (startsWith(head, HDF5_MAGIC)) {
      try (H5 h5 = H5.open(file, label, size)) {
        return fromLegacyH5(h5);
      }
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      KerasArchive archive = KerasArchive.read(file, label);
      ModelDef def = parse(archive.config(), label + "!config.json");
      try (H5 h5 = H5.open(archive.weights(), label + "!model.weights.h5")) {
        return build(def, label, Optional.of(StoredWeights.keras3(h5, def)));
      }
    }
    if (firstNonSpace(head) == '{') {
      return build(parse(readText(file, label, size), label), label, Optional.empty());
    }
    throw new KerasImportException(
        label
            + ": not a Keras file: it starts with neither the HDF5"
            + " signature, a zip header nor a JSON object (first bytes "
            + hex(head)
            + ")");
  }

  /**
   * Imports an architecture JSON with the weights of a weights-only {@code .h5} file.
   *
   * @param architectureJson the {@code model.to_json()} file
   * @param weightsH5 the {@code save_weights()} file
   * @return the model with those weights
   */
  public Model load(Path architectureJson, Path weightsH5) {
    String label = architectureJson.toString();
    long size = checkedSize(architectureJson, label);
    byte[] head = head(architectureJson, label);
    if (firstNonSpace(head) != '{') {
      throw new KerasImportException(
          label + ": not a JSON architecture (first bytes " + hex(head) + ")");
    }
    ModelDef def = parse(readText(architectureJson, label, size), label);
    String wlabel = weightsH5.toString();
    long wsize = checkedSize(weightsH5, wlabel);
    if (!startsWith(head(weightsH5, wlabel), HDF5_MAGIC)) {
      throw new KerasImportException(wlabel + ": not an HDF5 file (the HDF5 signature is missing)");
    }
    try (H5 h5 = H5.open(weightsH5, wlabel, wsize)) {
      Model model = build(def, label, Optional.of(StoredWeights.legacy(h5, h5.root(), def)));
      return model.recordProvenance(model.provenance().orElseThrow().withWeightsFrom(wlabel));
    }
  }

  private Model fromLegacyH5(H5 h5) {
    Optional<String> config = h5.string(h5.root(), "model_config");
    if (config.isEmpty()) {
      if (!h5.stringList(h5.root(), "layer_names").isEmpty()) {
        throw new KerasImportException(
            h5.label()
                + ": a weights-only file (save_weights) has no"
                + " architecture; load it together with its model.to_json() file");
      }
      throw new KerasImportException(
          h5.label() + ": attribute 'model_config' is missing: not a" + " Keras model file");
    }
    ModelDef def = parse(config.get(), h5.label() + " (model_config)");
    Optional<StoredWeights> weights =
        h5.group(h5.root(), "model_weights").map(g -> StoredWeights.legacy(h5, g, def));
    return build(def, h5.label(), weights);
  }

  private Model build(ModelDef def, String label, Optional<StoredWeights> weights) {
    refuseUnsupported(def, label);
    GraphBuilder builder = new GraphBuilder(label, weights, allowUnknown, inputShapes);
    Model model = builder.build(def);
    warnings = List.copyOf(builder.warnings());
    warnings.forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
    return model.recordProvenance(Provenance.imported(label, weights.isPresent()));
  }

  /** One error listing every layer without an equivalent, unless they are allowed. */
  private void refuseUnsupported(ModelDef def, String label) {
    List<String> unsupported = new ArrayList<>();
    collectUnsupported(def, unsupported);
    if (unsupported.isEmpty() || allowUnknown) {
      return;
    }
    throw new KerasImportException(
        label
            + ": "
            + unsupported.size()
            + (unsupported.size() == 1 ? " layer has" : " layers have")
            + " no NeuroJoule equivalent: "
            + String.join(", ", unsupported)
            + "; pass allowUnknown (--allow-unknown) to count "
            + (unsupported.size() == 1 ? "it as a zero-cost layer" : "them as zero-cost layers"));
  }

  private static void collectUnsupported(ModelDef def, List<String> out) {
    for (LayerDef l : def.layers()) {
      if (l.nested().isPresent()) {
        collectUnsupported(l.nested().get(), out);
      } else if (!l.className().equals("InputLayer")
          && !KerasLayerRegistry.supports(l.className(), l.config())) {
        out.add(
            "'"
                + l.name()
                + "' ("
                + KerasLayerRegistry.describeClass(l.className(), l.config())
                + ")");
      }
    }
  }

  static ModelDef parse(String json, String label) {
    JsonElement root;
    try {
      JsonReader reader = new JsonReader(new StringReader(json));
      reader.setStrictness(Strictness.LEGACY_STRICT); // Python writes NaN and Infinity
      reader.setNestingLimit(200);
      root = com.google.gson.JsonParser.parseReader(reader);
    } catch (JsonParseException | StackOverflowError e) {
      throw new KerasImportException(
          label
              + ": not valid JSON ("
              + String.valueOf(e.getMessage()).replaceFirst("^com\\.google\\.gson\\.[\\w.]+: ", "")
              + ")",
          e);
    }
    if (!(root instanceof JsonObject o)) {
      throw new KerasImportException(
          label + ": the architecture must be a JSON object with" + " 'class_name' and 'config'");
    }
    return new ConfigReader(label).read(o);
  }

  private static long checkedSize(Path file, String label) {
    if (!Files.exists(file)) {
      throw new KerasImportException(label + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new KerasImportException(label + ": is a directory, not a Keras file");
    }
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new KerasImportException(label + ": the file is empty");
      }
      return size;
    } catch (IOException e) {
      throw new KerasImportException(label + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] head(Path file, String label) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(16);
    } catch (IOException e) {
      throw new KerasImportException(label + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static String readText(Path file, String label, long size) {
    if (size > MAX_JSON_BYTES) {
      throw new KerasImportException(
          label
              + ": "
              + size
              + " bytes is more than the "
              + MAX_JSON_BYTES
              + " a JSON architecture may have");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KerasImportException(
          label + ": cannot be read as UTF-8 text (" + e.getMessage() + ")", e);
    }
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static int firstNonSpace(byte[] head) {
    int i = 0;
    if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb) {
      i = 3; // UTF-8 byte order mark
    }
    for (; i < head.length; i++) {
      if (!Character.isWhitespace(head[i])) {
        return head[i];
      }
    }
    return -1;
  }

  private static String hex(byte[] head) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(8, head.length); i++) {
      b.append(i > 0 ? " " : "").append(String.format("%02x", head[i] & 0xff));
    }
    return b.toString();
  }
}
