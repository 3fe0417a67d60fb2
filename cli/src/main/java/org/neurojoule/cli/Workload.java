package org.neurojoule.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.measured.Measurement;

/**
 * What one inference of a network does, as the calibrated energy model counts it.
 *
 * @param network the network's name
 * @param layers the layers with connections
 * @param operations the connections: one MAC, or one synaptic operation, each per inference
 * @param neurons the neurons updated once per inference
 */
record Workload(String network, long layers, double operations, double neurons) {
  /** Counts of the published networks that come from files rather than bundled models. */
  static final String PUBLISHED = "published-networks.csv";

  /** {@return the counts of {@code model}} */
  static Workload of(String network, Model model) {
    ModelEnergy energy = model.energy(e -> e.logWarnings(false));
    long layers = 0;
    double ops = 0;
    double neurons = 0;
    for (String name : model.layerNames()) {
      LayerStats s = energy.layerStats(name);
      layers += s.connections() > 0 ? 1 : 0;
      ops += s.connections();
      neurons += s.neurons();
    }
    return new Workload(network, layers, ops, neurons);
  }

  /**
   * {@return the network a row measured}: its {@code model} column (a bundled model, or a file
   * relative to {@code base}), else its network key as a bundled model or one of the published
   * networks counted from MLPerf Tiny's and Keras Applications' files
   */
  static Workload of(Measurement m, Path base, Map<String, Workload> cache) {
    String spec = m.model().orElse(ALIASES.getOrDefault(m.networkKey(), m.networkKey()));
    Workload known = cache.get(spec.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    Workload w;
    if (m.model().isEmpty() && published().containsKey(spec.toLowerCase(Locale.ROOT))) {
      w = published().get(spec.toLowerCase(Locale.ROOT));
    } else if (m.model().isEmpty()
        && !ModelSource.BUNDLED.containsKey(spec.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "line "
              + m.line()
              + ", row '"
              + m.id()
              + "': network '"
              + spec
              + "' is neither a bundled model nor a published network; give a 'model' column"
              + " naming a bundled model or a model file");
    } else {
      String where =
          ModelSource.BUNDLED.containsKey(spec.toLowerCase(Locale.ROOT))
              ? spec
              : base.resolve(spec).toString();
      try {
        w = of(spec, ModelSource.load(where, UnaryOperator.identity(), false));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + m.line() + ", row '" + m.id() + "': model '" + spec + "': " + e.getMessage(),
            e);
      }
    }
    cache.put(spec.toLowerCase(Locale.ROOT), w);
    return w;
  }

  /** Network keys of the published file that name a bundled model differently. */
  private static final Map<String, String> ALIASES = Map.of("akidanet", "akidanet-0.5");

  private static Map<String, Workload> published;

  /** {@return the counts of the published networks kept as a table: key to workload} */
  static synchronized Map<String, Workload> published() {
    if (published == null) {
      Map<String, Workload> out = new LinkedHashMap<>();
      try (InputStream in = Workload.class.getResourceAsStream(PUBLISHED)) {
        if (in == null) {
          throw new IllegalStateException(PUBLISHED + " is missing");
        }
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        for (String line : lines) {
          if (line.isBlank() || line.startsWith("#") || line.startsWith("network,")) {
            continue;
          }
          String[] f = line.strip().split(",");
          out.put(
              f[0],
              new Workload(
                  f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(PUBLISHED + ": cannot be read", e);
      }
      published = Map.copyOf(out);
    }
    return published;
  }
}
