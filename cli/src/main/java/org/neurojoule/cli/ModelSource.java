package org.neurojoule.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.neurojoule.KerasModels;
import org.neurojoule.Model;
import org.neurojoule.examples.Architectures;

/**
 * What a MODEL argument names: a bundled example (ignoring case) or a Keras file (.h5, .keras or an
 * architecture .json), read by {@link KerasModels}.
 */
final class ModelSource {
  /** The bundled examples, in the order help and errors list them. */
  static final Map<String, Supplier<Model>> BUNDLED = bundled();

  private ModelSource() {}

  /**
   * {@return the model {@code spec} names}
   *
   * @param spec a bundled name such as {@code mnist}, or a path
   * @param allowUnknown whether a model file's unsupported layers become zero-cost layers
   * @throws IllegalArgumentException naming {@code spec} if it is neither
   */
  static Model load(String spec, boolean allowUnknown) {
    Supplier<Model> bundled = BUNDLED.get(spec.toLowerCase(Locale.ROOT));
    if (bundled != null) {
      return bundled.get();
    }
    Path path = Path.of(spec);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("'" + spec + "' is neither a bundled model ("
          + names() + ") nor an existing file");
    }
    return KerasModels.load(path, o -> o.allowUnknown(allowUnknown));
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
    return m;
  }
}
