package org.neurojoule.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.neurojoule.layer.LayerSpec;

/**
 * The one dispatch from specs to kernels: the registered {@link Kernel}s by spec class, loaded once
 * through {@link ServiceLoader}.
 */
final class Kernels {
  private static final Map<Class<?>, Kernel<?>> BY_SPEC = load();

  private Kernels() {}

  private static Map<Class<?>, Kernel<?>> load() {
    Map<Class<?>, Kernel<?>> all = new HashMap<>();
    for (Kernel<?> k : ServiceLoader.load(Kernel.class, Kernel.class.getClassLoader())) {
      Kernel<?> before = all.putIfAbsent(k.spec(), k);
      if (before != null) {
        throw new IllegalStateException("two kernels for " + k.spec().getName() + ": "
            + before.getClass().getName() + " and " + k.getClass().getName());
      }
    }
    return Map.copyOf(all);
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
