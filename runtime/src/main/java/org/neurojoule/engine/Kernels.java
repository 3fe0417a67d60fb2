package org.neurojoule.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.neurojoule.layer.LayerSpec;

/**
 * The one dispatch from specs to kernels: the registered {@link Kernel}s by spec class, loaded once
 * through {@link ServiceLoader}.
 */
final class Kernels {
  private static final String SERVICE_FILE = "META-INF/services/" + Kernel.class.getName();
  private static final Map<Class<?>, Kernel<?>> BY_SPEC = load();

  private Kernels() {}

  private static Map<Class<?>, Kernel<?>> load() {
    Map<Class<?>, Kernel<?>> all = new HashMap<>();
    for (Kernel<?> k : registered()) {
      Kernel<?> before = all.putIfAbsent(k.spec(), k);
      if (before != null) {
        throw new IllegalStateException(
            "two kernels for "
                + k.spec().getName()
                + ": "
                + before.getClass().getName()
                + " and "
                + k.getClass().getName());
      }
    }
    return Map.copyOf(all);
  }

  /**
   * The kernels that {@code @AutoService} registered. On the class path {@link ServiceLoader} reads
   * the service file; in a named module it would read only {@code provides} clauses, so the file is
   * read here, and a new kernel stays one annotated class rather than a line in module-info too.
   */
  private static List<Kernel<?>> registered() {
    List<Kernel<?>> kernels = new ArrayList<>();
    Module module = Kernels.class.getModule();
    if (!module.isNamed()) {
      ServiceLoader.load(Kernel.class, Kernel.class.getClassLoader()).forEach(kernels::add);
      return kernels;
    }
    try (InputStream in = module.getResourceAsStream(SERVICE_FILE)) {
      if (in == null) {
        throw new IllegalStateException("no " + SERVICE_FILE + " in " + module.getName());
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\\R")) {
        String name = line.replaceAll("#.*", "").trim();
        if (!name.isEmpty()) {
          kernels.add(Class.forName(name).asSubclass(Kernel.class).getConstructor().newInstance());
        }
      }
    } catch (IOException | ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the kernels listed in " + SERVICE_FILE, e);
    }
    return kernels;
  }

  /** The firing-rate pass's op of {@code spec}, or null if no kernel runs its class. */
  static Op op(LayerSpec spec, KernelInput layer) {
    Kernel<LayerSpec> k = kernel(spec);
    return k == null ? null : k.op(spec, layer);
  }

  /** The spiking simulation's op of {@code spec}, or null if no kernel runs its class. */
  static Op stepOp(LayerSpec spec, KernelInput layer) {
    Kernel<LayerSpec> k = kernel(spec);
    return k == null ? null : k.stepOp(spec, layer);
  }

  @SuppressWarnings("unchecked")
  private static Kernel<LayerSpec> kernel(LayerSpec spec) {
    return (Kernel<LayerSpec>) BY_SPEC.get(spec.getClass());
  }
}
