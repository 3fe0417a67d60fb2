package org.neurojoule.processor;

import static org.neurojoule.Activation.RELU;

import com.google.testing.compile.Compilation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.neurojoule.Activation;
import org.neurojoule.Padding;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.Add;
import org.neurojoule.layer.BatchNormalization;
import org.neurojoule.layer.Concatenate;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.Dropout;
import org.neurojoule.layer.Flatten;
import org.neurojoule.layer.GlobalPooling;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LeakyReLU;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.SeparableConv2D;
import org.neurojoule.layer.SpikingActivation;
import org.neurojoule.layer.TimeDistributed;

/**
 * Random networks for the property test: each layer both as annotated source and as the spec the
 * runtime would build, from the same random parameters (not through the processor's code).
 */
final class RandomNetworks {
  private RandomNetworks() {}

  /**
   * One layer: its annotation text, the (unnamed) spec it means or the input dimensions, and the
   * fields it reads (empty: the previous one).
   */
  record RandomLayer(String name, String annotation, int[] input, Supplier<LayerSpec> spec,
      List<String> from) {}

  /** One network: a class name and its layers. */
  record RandomNetwork(String className, List<RandomLayer> layers) {
    /** The lines of {@link #source()} before the first layer's. */
    private static final int HEADER_LINES = 6;

    /** The line of {@link #source()} that declares layer {@code name}, one line per layer. */
    int lineOf(String name) {
      for (int i = 0; i < layers.size(); i++) {
        if (layers.get(i).name().equals(name)) {
          return HEADER_LINES + 1 + i;
        }
      }
      throw new IllegalArgumentException(className + " has no layer " + name);
    }

    JavaFileObject source() {
      StringBuilder s = new StringBuilder("package test;\n\nimport org.neurojoule.annotation.*;\n\n"
          + "@Network\nfinal class " + className + " {\n");
      for (RandomLayer l : layers) {
        s.append("  ").append(l.annotation()).append(" Object ").append(l.name()).append(";\n");
      }
      return com.google.testing.compile.JavaFileObjects.forSourceString(
          "test." + className, s.append("}\n").toString());
    }
  }

  static RandomNetwork generate(String className, Random random) {
    List<RandomLayer> layers = new ArrayList<>();
    int family = random.nextInt(4);  // 0: images, 1: sequences, 2: time series, 3: vectors
    int[] input = switch (family) {
      case 0 -> new int[] {size(random, 24), size(random, 24), 1 + random.nextInt(4)};
      case 1 -> new int[] {size(random, 24), 1 + random.nextInt(4)};
      case 2 -> new int[] {-1, size(random, 12), 1 + random.nextInt(4)};
      default -> new int[] {size(random, 64)};
    };
    layers.add(new RandomLayer("l0", "@Input(" + braces(input) + ")", input, null, List.of()));
    int n = 1 + random.nextInt(7);
    for (int i = 1; i <= n; i++) {
      layers.add(layer("l" + i, family, random, layers));
    }
    return new RandomNetwork(className, layers);
  }

  private static int size(Random random, int max) {
    return 1 + random.nextInt(max);
  }

  private static RandomLayer layer(String name, int family, Random r, List<RandomLayer> before) {
    int pick = r.nextInt(100);
    if (pick < 8 && before.size() > 1) {
      // A merge of the previous layer with an earlier one, or with a copy of itself.
      String a = before.get(before.size() - 1).name();
      String b = before.get(1 + r.nextInt(before.size() - 1)).name();
      boolean add = r.nextBoolean();
      String from = "from = {\"" + a + "\", \"" + b + "\"}";
      return new RandomLayer(name, add ? "@Add(" + from + ")" : "@Concatenate(" + from + ")",
          null, () -> add ? Add.of() : Concatenate.of(), List.of(a, b));
    }
    if (pick < 12 && before.size() > 1) {
      // A side branch from an earlier layer.
      String from = before.get(r.nextInt(before.size())).name();
      return new RandomLayer(name, "@ReLU(from = \"" + from + "\")", null,
          () -> ReLU.of(), List.of(from));
    }
    boolean wrap = family == 2 && r.nextInt(3) > 0;
    RandomLayer inner = plain(name, family == 2 ? r.nextInt(4) == 0 ? 2 : 1 : family, r);
    if (!wrap) {
      return inner;
    }
    return new RandomLayer(name, "@TimeDistributed " + inner.annotation(), null,
        () -> TimeDistributed.of(inner.spec().get()), List.of());
  }

  /** A layer of one input; {@code rank} is the spatial rank its windows should have. */
  private static RandomLayer plain(String name, int family, Random r) {
    int kind = r.nextInt(family == 3 ? 6 : 12);
    int filters = r.nextInt(50) == 0 ? 0 : 1 + r.nextInt(6);
    int kernel = 1 + r.nextInt(5);
    int stride = 1 + r.nextInt(3);
    Padding padding = r.nextBoolean() ? Padding.SAME : Padding.VALID;
    Activation activation = r.nextBoolean() ? RELU : Activation.LINEAR;
    int rank = family == 1 ? 1 : 2;
    String pad = padding == Padding.SAME ? ", padding = org.neurojoule.Padding.SAME" : "";
    String act = activation == RELU ? ", activation = org.neurojoule.Activation.RELU" : "";
    return switch (kind) {
      case 0 -> new RandomLayer(name, "@Dense(units = " + filters + act + ")", null,
          () -> Dense.of(filters).activation(activation), List.of());
      case 1 -> new RandomLayer(name, "@ReLU", null, () -> ReLU.of(), List.of());
      case 2 -> new RandomLayer(name, "@Dropout(rate = 0.5)", null,
          () -> Dropout.of(0.5), List.of());
      case 3 -> new RandomLayer(name, "@BatchNormalization", null,
          () -> BatchNormalization.of(), List.of());
      case 4 -> new RandomLayer(name, "@LeakyReLU(alpha = 0.2)", null,
          () -> LeakyReLU.of().alpha(0.2), List.of());
      case 5 -> r.nextBoolean()
          ? new RandomLayer(name, "@Activation(org.neurojoule.Activation.TANH)", null,
              () -> ActivationLayer.of(Activation.TANH), List.of())
          : new RandomLayer(name, "@SpikingActivation(org.neurojoule.Activation.RELU)", null,
              () -> SpikingActivation.of(RELU), List.of());
      case 6 -> new RandomLayer(name, "@Conv" + rank + "D(filters = " + filters + ", kernelSize = "
          + kernel + ", strides = " + stride + pad + act + ")", null,
          () -> Conv.of(rank, filters, kernel).strides(stride).padding(padding)
              .activation(activation), List.of());
      case 7 -> new RandomLayer(name, "@DepthwiseConv2D(kernelSize = " + kernel
          + ", depthMultiplier = " + (1 + stride % 2) + pad + ")", null,
          () -> DepthwiseConv2D.of(kernel).depthMultiplier(1 + stride % 2).padding(padding)
              , List.of());
      case 8 -> new RandomLayer(name, "@SeparableConv2D(filters = " + filters + ", kernelSize = "
          + kernel + pad + ")", null,
          () -> SeparableConv2D.of(filters, kernel).padding(padding), List.of());
      case 9 -> {
        PoolKind pool = r.nextBoolean() ? PoolKind.MAX : PoolKind.AVERAGE;
        yield new RandomLayer(name, "@" + pool.typeWord() + "Pooling" + rank + "D(poolSize = "
            + kernel + ", strides = " + stride + pad + ")", null,
            () -> Pooling.of(pool, rank, kernel).strides(stride).padding(padding),
            List.of());
      }
      case 10 -> {
        PoolKind pool = r.nextBoolean() ? PoolKind.MAX : PoolKind.AVERAGE;
        yield new RandomLayer(name, "@Global" + pool.typeWord() + "Pooling" + rank + "D", null,
            () -> GlobalPooling.of(pool, rank), List.of());
      }
      default -> new RandomLayer(name, "@Flatten", null, () -> Flatten.of(),
          List.of());
    };
  }

  /** {@code spec} named {@code name}: every spec has a {@code name(String)} wither. */
  static LayerSpec named(LayerSpec spec, String name) {
    try {
      return (LayerSpec) spec.getClass().getMethod("name", String.class).invoke(spec, name);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static String braces(int[] dims) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    for (int d : dims) {
      j.add(d == -1 ? "Input.NONE" : Integer.toString(d));
    }
    return j.toString();
  }

  /** Loads {@code className} from the class files of a successful compilation. */
  static Class<?> load(Compilation compilation, String className) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String binary = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
            path.length() - ".class".length()).replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          in.transferTo(bytes);
          classes.put(binary, bytes.toByteArray());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    ClassLoader loader = new ClassLoader(RandomNetworks.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    try {
      return loader.loadClass(className);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(className + " not among " + classes.keySet(), e);
    }
  }
}
