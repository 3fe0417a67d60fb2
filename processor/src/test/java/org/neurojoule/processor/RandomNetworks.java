package org.neurojoule.processor;

import static org.neurojoule.layer.Activation.RELU;

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
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.neurojoule.layer.Activation;
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
import org.neurojoule.layer.Padding;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.Reshape;
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
  record RandomLayer(
      String name, String annotation, int[] input, Supplier<LayerSpec> spec, List<String> from) {}

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
      return com.google.testing.compile.JavaFileObjects.forSourceString(
          "test." + className, text());
    }

    /** The annotated source, one line per layer. */
    String text() {
      StringBuilder s =
          new StringBuilder(
              "package test;\n\nimport org.neurojoule.annotation.*;\n\n"
                  + "@Network\nfinal class "
                  + className
                  + " {\n");
      for (RandomLayer l : layers) {
        s.append("  ").append(l.annotation()).append(" Object ").append(l.name()).append(";\n");
      }
      return s.append("}\n").toString();
    }
  }

  static RandomNetwork generate(String className, Random random) {
    List<RandomLayer> layers = new ArrayList<>();
    // 0: images, 1: sequences, 2: time series, 3: vectors, 4: volumes (Conv3D and friends)
    int family = random.nextInt(5);
    int[] input =
        switch (family) {
          case 0 -> new int[] {size(random, 24), size(random, 24), 1 + random.nextInt(4)};
          case 1 -> new int[] {size(random, 24), 1 + random.nextInt(4)};
          case 2 -> new int[] {-1, size(random, 12), 1 + random.nextInt(4)};
          case 3 -> new int[] {size(random, 64)};
          default ->
              new int[] {
                size(random, 8), size(random, 12), size(random, 12), 1 + random.nextInt(3)
              };
        };
    layers.add(new RandomLayer("l0", "@Input(" + braces(input) + ")", input, null, List.of()));
    int n = 1 + random.nextInt(7);
    for (int i = 1; i <= n; i++) {
      if (random.nextInt(12) == 0) {
        // A further input: the same shape, or other channels so that only a concatenation fits.
        int[] other = input.clone();
        if (random.nextBoolean()) {
          other[other.length - 1] = 1 + random.nextInt(4);
        }
        layers.add(
            new RandomLayer("l" + i, "@Input(" + braces(other) + ")", other, null, List.of()));
      } else {
        layers.add(layer("l" + i, family, random, layers));
      }
    }
    return new RandomNetwork(className, layers);
  }

  private static int size(Random random, int max) {
    return 1 + random.nextInt(max);
  }

  private static RandomLayer layer(String name, int family, Random r, List<RandomLayer> before) {
    int pick = r.nextInt(100);
    if (pick < 8 && before.size() > 1) {
      // A merge of the previous layer with an earlier one, or with a copy of itself; with
      // several inputs, often with a further input.
      String a = before.get(before.size() - 1).name();
      List<String> inputs =
          before.subList(1, before.size()).stream()
              .filter(l -> l.input() != null)
              .map(RandomLayer::name)
              .toList();
      String b =
          !inputs.isEmpty() && r.nextBoolean()
              ? inputs.get(r.nextInt(inputs.size()))
              : before.get(1 + r.nextInt(before.size() - 1)).name();
      boolean add = r.nextBoolean();
      String from = "from = {\"" + a + "\", \"" + b + "\"}";
      if (add) {
        return new RandomLayer(name, "@Add(" + from + ")", null, () -> Add.of(), List.of(a, b));
      }
      // Mostly the last axis; sometimes another, rarely the batch (0) or one out of range.
      Integer axis =
          switch (r.nextInt(8)) {
            case 0, 1 -> 1 + r.nextInt(3);
            case 2 -> -2 - r.nextInt(2);
            case 3 -> r.nextInt(4) == 0 ? 0 : 5;
            default -> null;
          };
      return new RandomLayer(
          name,
          "@Concatenate(" + from + (axis == null ? "" : ", axis = " + axis) + ")",
          null,
          () -> axis == null ? Concatenate.of() : Concatenate.of().axis(axis),
          List.of(a, b));
    }
    if (pick < 12 && before.size() > 1) {
      // A side branch from an earlier layer.
      String from = before.get(r.nextInt(before.size())).name();
      return new RandomLayer(
          name, "@ReLU(from = \"" + from + "\")", null, () -> ReLU.of(), List.of(from));
    }
    boolean wrap = family == 2 && r.nextInt(3) > 0;
    RandomLayer inner =
        pick < 18
            ? reshape(name, r)
            : plain(name, family == 2 ? r.nextInt(4) == 0 ? 2 : 1 : family, r);
    if (!wrap) {
      return inner;
    }
    return new RandomLayer(
        name,
        "@TimeDistributed " + inner.annotation(),
        null,
        () -> TimeDistributed.of(inner.spec().get()),
        List.of());
  }

  /**
   * A reshape; the generator does not track shapes, so mostly with an inferred entry (valid
   * whenever the count divides), sometimes all explicit (mostly broken), rarely an invalid target.
   */
  private static RandomLayer reshape(String name, Random r) {
    int[] target =
        switch (r.nextInt(8)) {
          case 0 -> new int[] {-1};
          case 1 -> new int[] {-1, 1 + r.nextInt(3)};
          case 2 -> new int[] {1 + r.nextInt(3), -1};
          // Rank 3 and 4 targets feed 2D and 3D windows.
          case 3 -> new int[] {1 + r.nextInt(2), -1, 1 + r.nextInt(2)};
          case 4 -> new int[] {1 + r.nextInt(2), 1 + r.nextInt(2), -1, 1 + r.nextInt(2)};
          case 5 -> new int[] {1 + r.nextInt(8), 1 + r.nextInt(8)};
          case 6 -> new int[] {1 + r.nextInt(24)};
          default -> r.nextBoolean() ? new int[] {-1, 2, -1} : new int[] {4, 0};
        };
    boolean constant = r.nextBoolean();
    String text = join(target, d -> d == -1 && constant ? "Reshape.INFER" : Integer.toString(d));
    return new RandomLayer(
        name, "@Reshape(targetShape = " + text + ")", null, () -> Reshape.of(target), List.of());
  }

  /** A layer of one input, for a network of {@code family}. */
  private static RandomLayer plain(String name, int family, Random r) {
    // Vectors mostly take element-wise layers; sometimes windows too, which fit after a reshape.
    boolean windows = family != 3 || r.nextInt(4) == 0;
    int kind = r.nextInt(windows ? 12 : 6);
    if (family == 4 && (kind == 7 || kind == 8) && r.nextInt(4) > 0) {
      // The 2D-only convolutions never fit volumes: mostly a Conv3D instead.
      kind = 6;
    }
    int filters = r.nextInt(50) == 0 ? 0 : 1 + r.nextInt(6);
    int kernel = 1 + r.nextInt(5);
    int stride = 1 + r.nextInt(3);
    Padding padding = r.nextBoolean() ? Padding.SAME : Padding.VALID;
    Activation activation = r.nextBoolean() ? RELU : Activation.LINEAR;
    // The spatial rank of windows; now and then one that does not fit the family.
    int rank =
        r.nextInt(15) == 0
            ? 1 + r.nextInt(3)
            : switch (family) {
              case 1, 3 -> 1;
              case 4 -> 3;
              default -> 2;
            };
    // Windows of depthwise and separable convolutions are always 2D.
    int windowRank = kind == 7 || kind == 8 ? 2 : rank;
    int[] kernels = perAxis(kernel, windowRank, r);
    int[] strides = perAxis(stride, windowRank, r);
    // A dilation rate > 1 mostly comes with strides 1, since Keras rejects both at once.
    boolean dilated = r.nextInt(4) == 0;
    int[] dilation = dilated ? perAxis(2, windowRank, r) : new int[] {1};
    if (dilated && r.nextInt(4) > 0) {
      strides = new int[] {1};
    }
    int[] stridesUsed = strides;
    boolean bias = r.nextInt(6) > 0;
    String pad = padding == Padding.SAME ? ", padding = org.neurojoule.layer.Padding.SAME" : "";
    String act = activation == RELU ? ", activation = org.neurojoule.layer.Activation.RELU" : "";
    String dil = dilated ? ", dilationRate = " + list(dilation) : "";
    String noBias = bias ? "" : ", useBias = false";
    return switch (kind) {
      case 0 ->
          new RandomLayer(
              name,
              "@Dense(units = " + filters + act + noBias + ")",
              null,
              () -> Dense.of(filters).activation(activation).useBias(bias),
              List.of());
      case 1 -> new RandomLayer(name, "@ReLU", null, () -> ReLU.of(), List.of());
      // Rarely a rate out of range: the layers after it can still be checked.
      case 2 -> {
        double rate = r.nextInt(8) == 0 ? 1.5 : 0.5;
        yield new RandomLayer(
            name, "@Dropout(rate = " + rate + ")", null, () -> Dropout.of(rate), List.of());
      }
      case 3 ->
          new RandomLayer(
              name, "@BatchNormalization", null, () -> BatchNormalization.of(), List.of());
      case 4 ->
          new RandomLayer(
              name, "@LeakyReLU(alpha = 0.2)", null, () -> LeakyReLU.of().alpha(0.2), List.of());
      case 5 ->
          r.nextBoolean()
              ? new RandomLayer(
                  name,
                  "@Activation(org.neurojoule.layer.Activation.TANH)",
                  null,
                  () -> ActivationLayer.of(Activation.TANH),
                  List.of())
              : new RandomLayer(
                  name,
                  "@SpikingActivation(org.neurojoule.layer.Activation.RELU)",
                  null,
                  () -> SpikingActivation.of(RELU),
                  List.of());
      // Withers in the processor's order, so both sides reject the same attribute first.
      case 6 ->
          new RandomLayer(
              name,
              "@Conv"
                  + rank
                  + "D(filters = "
                  + filters
                  + ", kernelSize = "
                  + list(kernels)
                  + ", strides = "
                  + list(strides)
                  + pad
                  + dil
                  + act
                  + noBias
                  + ")",
              null,
              () ->
                  Conv.of(rank, filters, kernels)
                      .strides(stridesUsed)
                      .padding(padding)
                      .dilationRate(dilation)
                      .activation(activation)
                      .useBias(bias),
              List.of());
      case 7 ->
          new RandomLayer(
              name,
              "@DepthwiseConv2D(kernelSize = "
                  + list(kernels)
                  + ", depthMultiplier = "
                  + (1 + stride % 2)
                  + pad
                  + dil
                  + noBias
                  + ")",
              null,
              () ->
                  DepthwiseConv2D.of(kernels)
                      .depthMultiplier(1 + stride % 2)
                      .padding(padding)
                      .dilationRate(dilation)
                      .useBias(bias),
              List.of());
      case 8 ->
          new RandomLayer(
              name,
              "@SeparableConv2D(filters = "
                  + filters
                  + ", kernelSize = "
                  + list(kernels)
                  + pad
                  + dil
                  + noBias
                  + ")",
              null,
              () ->
                  SeparableConv2D.of(filters, kernels)
                      .padding(padding)
                      .dilationRate(dilation)
                      .useBias(bias),
              List.of());
      case 9 -> {
        PoolKind pool = r.nextBoolean() ? PoolKind.MAX : PoolKind.AVERAGE;
        yield new RandomLayer(
            name,
            "@"
                + pool.typeWord()
                + "Pooling"
                + rank
                + "D(poolSize = "
                + list(kernels)
                + ", strides = "
                + list(strides)
                + pad
                + ")",
            null,
            () -> Pooling.of(pool, rank, kernels).strides(stridesUsed).padding(padding),
            List.of());
      }
      case 10 -> {
        PoolKind pool = r.nextBoolean() ? PoolKind.MAX : PoolKind.AVERAGE;
        yield new RandomLayer(
            name,
            "@Global" + pool.typeWord() + "Pooling" + rank + "D",
            null,
            () -> GlobalPooling.of(pool, rank),
            List.of());
      }
      default -> new RandomLayer(name, "@Flatten", null, () -> Flatten.of(), List.of());
    };
  }

  /**
   * Window sizes starting with {@code first}: mostly that one value for every axis, sometimes one
   * value per axis, rarely one too many (a broken network).
   */
  private static int[] perAxis(int first, int rank, Random r) {
    int form = r.nextInt(20);
    if (form < 13) {
      return new int[] {first};
    }
    int[] sizes = new int[form < 19 ? rank : rank + 1];
    sizes[0] = first;
    for (int i = 1; i < sizes.length; i++) {
      sizes[i] = 1 + r.nextInt(first + 2);
    }
    return sizes;
  }

  /** One value as a scalar, several as an array initializer. */
  private static String list(int[] values) {
    return values.length == 1 ? Integer.toString(values[0]) : join(values, Integer::toString);
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
    return join(dims, d -> d == -1 ? "Input.NONE" : Integer.toString(d));
  }

  private static String join(int[] values, IntFunction<String> format) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    for (int v : values) {
      j.add(format.apply(v));
    }
    return j.toString();
  }

  /** Loads {@code className} from the class files of a successful compilation. */
  static Class<?> load(Compilation compilation, String className) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String binary =
            path.substring(
                    path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                    path.length() - ".class".length())
                .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          in.transferTo(bytes);
          classes.put(binary, bytes.toByteArray());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    ClassLoader loader =
        new ClassLoader(RandomNetworks.class.getClassLoader()) {
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
