package org.neurojoule;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated model files through {@link Models#load}: each case must end in a model whose figures
 * ({@code energy()}'s totals and summary) are finite, or in an {@link ImportException} whose
 * message names the file; never another exception, an {@link OutOfMemoryError}, a stack overflow or
 * a hang.
 *
 * <p>Where {@link Models#load} does not recognize a mutated file (its first bytes broken), it
 * refuses it naming the file, and the case goes on with the importer of the file's extension.
 *
 * <p>The files are the importers' own test files (the ONNX, Keras and NIR modules' test resources,
 * whose SOURCES.md and ATTRIBUTION.md give their origin and licence), mutated as bytes (bit flips,
 * truncations, chunks moved, duplicated or cut, sizes overwritten) or by their structure: ONNX
 * through its protobuf classes ({@link OnnxMutations}: dims, attributes, inputs, cycles, swapped
 * operators, huge folds), TFLite through its schema's object API ({@link TfliteMutations}: the
 * counterpart of each ONNX edit, and buffers of the wrong length), Keras configs as JSON ({@link
 * KerasMutations}: types, sizes, missing keys, in {@code .json}, in {@code .keras} archives and,
 * keeping their length, inside {@code .h5} files), and the strings and numbers inside HDF5 files
 * (Keras and NIR).
 *
 * <p>{@code mvn verify} runs {@value #DEFAULT_CASES} cases. For a release, run a longer one: {@code
 * ./mvnw -pl all -am test -Dtest=ImporterFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dneurojoule.importfuzz.cases=5000 -Dneurojoule.importfuzz.seed=$RANDOM}; a failure prints the
 * seed, the case number, the file and the mutations; {@code -Dneurojoule.importfuzz.keep=DIR} keeps
 * each failing file there, and {@code -Dneurojoule.importfuzz.trace=true} prints each refusal's
 * message.
 */
class ImporterFuzzTest {
  static final int DEFAULT_CASES = 300;
  private static final boolean TRACE = Boolean.getBoolean("neurojoule.importfuzz.trace");
  private static final Duration HANG = Duration.ofSeconds(60);

  private static final Path ONNX = Path.of("../onnx/src/test/resources/onnx");
  private static final Path KERAS = Path.of("../keras/src/test/resources/keras");
  private static final Path NIR = Path.of("../nir/src/test/resources/nir");

  private static final Path TFLITE = Path.of("../tflite/src/test/resources/tflite");

  /** Cases of the TFLite files. */
  static final int TFLITE_CASES = 200;

  /** The MLPerf Tiny TFLite files: int8, hybrid, per-channel, residual adds, dense only. */
  static final List<Path> TFLITE_FIXTURES =
      List.of(
          TFLITE.resolve("kws_ref_model.tflite"),
          TFLITE.resolve("kws_ref_model_float32.tflite"),
          TFLITE.resolve("pretrainedResnet_quant.tflite"),
          TFLITE.resolve("vww_96_int8.tflite"),
          TFLITE.resolve("ad01_int8.tflite"));

  /** Small files of each format, so that a case takes milliseconds. */
  static final List<Path> FIXTURES =
      List.of(
          ONNX.resolve("resnet18.onnx"),
          ONNX.resolve("efficientnet_b0.onnx"),
          ONNX.resolve("shufflenet_v2_x1_0.onnx"),
          ONNX.resolve("vit_b_16.onnx"),
          ONNX.resolve("lstm_kws.onnx"),
          ONNX.resolve("pytorch-converted/test_Conv2d_groups/model.onnx"),
          ONNX.resolve("pytorch-converted/test_Conv2d_depthwise_padded/model.onnx"),
          ONNX.resolve("pytorch-converted/test_ConvTranspose2d/model.onnx"),
          ONNX.resolve("pytorch-converted/test_MaxPool2d/model.onnx"),
          ONNX.resolve("pytorch-converted/test_BatchNorm2d_eval/model.onnx"),
          ONNX.resolve("pytorch-converted/test_Embedding/model.onnx"),
          ONNX.resolve("pytorch-converted/test_PReLU_2d_multiparam/model.onnx"),
          ONNX.resolve("pytorch-converted/test_Linear/model.onnx"),
          ONNX.resolve("pytorch-converted/test_ConstantPad2d/model.onnx"),
          ONNX.resolve("pytorch-converted/test_GLU/model.onnx"),
          KERAS.resolve("k2_2.1.3_seq_conv2d_bn_tiny.h5"),
          KERAS.resolve("k2_2.1.3_seq_separableconv2d.h5"),
          KERAS.resolve("tfk_2.2.4_functional_conv1d.h5"),
          KERAS.resolve("tfk_2.2.4_functional_conv3d.h5"),
          KERAS.resolve("tfk_2.2.4_functional_depthwiseconv2d_pool_crop.h5"),
          KERAS.resolve("tfk_2.4.0_functional_embedding_conv1d.hdf5"),
          KERAS.resolve("k2_2.0.6_seq_lstm_dense_full.h5"),
          KERAS.resolve("k3_3.9.2_seq_dense_leakyrelu_dropout.keras"),
          KERAS.resolve("arch_k2_2.1.5_two_input_add.json"),
          KERAS.resolve("arch_k2_2.3.1_timedistributed_dense.json"),
          KERAS.resolve("arch_k2_2.3.1_three_inputs_embedding_concat.json"),
          KERAS.resolve("arch_tfk_2.2.4_vgg16.json"),
          KERAS.resolve("pair_tfk_2.2.4_lenet_mnist.json"),
          NIR.resolve("cnn_sinabs.nir"),
          NIR.resolve("braille_noDelay_bias_zero.nir"),
          NIR.resolve("lif_norse.nir"),
          NIR.resolve("lif_rockpool.nir"),
          NIR.resolve("two_lif_neurons.nir"));

  @TempDir Path dir;

  @Test
  void mutatedFiles_loadWithFiniteFiguresOrNameTheFile() throws IOException {
    fuzz(FIXTURES, "neurojoule.importfuzz", 20261207L, DEFAULT_CASES);
  }

  /**
   * The TFLite counterpart of every case above, on its own fixtures and seed so that the cases of
   * the other formats stay as they were: bytes flipped, truncated, moved, duplicated, cut or
   * overwritten with sizes, and the structural edits of {@link TfliteMutations}.
   */
  @Test
  void mutatedTfliteFiles_loadWithFiniteFiguresOrNameTheFile() throws IOException {
    fuzz(TFLITE_FIXTURES, "neurojoule.importfuzz", 20261208L, TFLITE_CASES);
  }

  private void fuzz(List<Path> fixtures, String property, long defaultSeed, int defaultCases)
      throws IOException {
    long seed = Long.getLong(property + ".seed", defaultSeed);
    int cases = Integer.getInteger(property + ".cases", defaultCases);
    String keep = System.getProperty(property + ".keep");
    List<byte[]> originals = new ArrayList<>();
    for (Path f : fixtures) {
      originals.add(Files.readAllBytes(f));
    }
    AtomicInteger loaded = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<AssertionError> failures = new ArrayList<>();
    for (int i = 0; i < cases && failures.size() < 20; i++) {
      Random r = new Random(seed * 1_000_003L + i);
      int k = r.nextInt(fixtures.size());
      Path fixture = fixtures.get(k);
      List<String> recipe = new ArrayList<>();
      byte[] bytes = mutate(fixture, originals.get(k), r, recipe);
      Path file = dir.resolve("case" + i).resolve(fixture.getFileName());
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      try {
        boolean ok = assertTimeoutPreemptively(HANG, () -> check(file));
        (ok ? loaded : refused).incrementAndGet();
      } catch (Throwable e) {
        failures.add(
            new AssertionError(
                "importer fuzz seed "
                    + seed
                    + " case "
                    + i
                    + ": "
                    + fixture
                    + "\n  "
                    + String.join("\n  ", recipe)
                    + "\n  "
                    + e,
                e));
        if (keep != null) {
          Path kept = Path.of(keep).resolve("case" + i + "-" + fixture.getFileName());
          Files.createDirectories(kept.getParent());
          Files.write(kept, bytes);
        }
      }
      deleteTree(file.getParent());
    }
    System.out.printf(
        "ImporterFuzzTest: %d cases (seed %d): %d loaded with finite figures, %d refused with an"
            + " ImportException naming the file%n",
        cases, seed, loaded.get(), refused.get());
    if (!failures.isEmpty()) {
      AssertionError all =
          new AssertionError(
              failures.size()
                  + " failing case(s)"
                  + (failures.size() == 20 ? " (stopped at 20)" : "")
                  + "; the first:\n"
                  + failures.get(0).getMessage());
      failures.forEach(all::addSuppressed);
      throw all;
    }
  }

  @Test
  void everyFixture_loadsUnmutatedWithFiniteFigures() throws Throwable {
    List<Path> all = new ArrayList<>(FIXTURES);
    all.addAll(TFLITE_FIXTURES);
    for (Path f : all) {
      if (!check(f)) {
        throw new AssertionError(f + " does not load unmutated");
      }
    }
  }

  /**
   * {@return true for a model with finite figures, false for a clear refusal}
   *
   * @throws AssertionError for anything else
   */
  static boolean check(Path file) {
    Model m;
    try {
      m = load(file);
    } catch (ImportException e) {
      String msg = String.valueOf(e.getMessage());
      if (!msg.contains(file.toString()) && !msg.contains(file.getFileName().toString())) {
        throw new AssertionError("the error does not name the file: " + msg, e);
      }
      if (TRACE) {
        System.out.println("refused: " + msg.replace(file.getParent().toString(), ""));
      }
      return false;
    }
    ModelEnergy energy = m.energy(o -> o.logWarnings(false));
    EnergyTotals t = energy.totals();
    for (var e : t.energy().entrySet()) {
      if (!Double.isFinite(e.getValue()) || e.getValue() < 0) {
        throw new AssertionError("energy on " + e.getKey() + " is " + e.getValue());
      }
    }
    if (t.params() != t.trainableParams() + t.nonTrainableParams()) {
      throw new AssertionError("params " + t + " do not add up");
    }
    String summary = energy.summaryString();
    if (summary.isBlank() || summary.contains("NaN") || summary.contains("Infinity")) {
      throw new AssertionError("summary is not finite:\n" + summary);
    }
    return true;
  }

  /**
   * {@link Models#load}, or, where it does not recognize the file (a refusal that names it, before
   * any importer runs), the importer of its extension, which must give a model or an error itself.
   */
  private static Model load(Path file) {
    try {
      return Models.load(file);
    } catch (ImportException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      if (!String.valueOf(e.getMessage()).contains(file.toString())) {
        throw new AssertionError("the refusal does not name the file: " + e.getMessage(), e);
      }
      String name = file.getFileName().toString();
      if (name.endsWith(".onnx")) {
        return org.neurojoule.onnx.OnnxModels.load(file);
      } else if (name.endsWith(".tflite")) {
        return org.neurojoule.tflite.TfliteModels.load(file);
      } else if (name.endsWith(".nir")) {
        return org.neurojoule.nir.NirModels.load(file);
      }
      return org.neurojoule.keras.KerasModels.load(file);
    }
  }

  private static byte[] mutate(Path fixture, byte[] original, Random r, List<String> recipe) {
    String name = fixture.getFileName().toString();
    byte[] b = original;
    int rounds = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
    for (int n = 0; n < rounds; n++) {
      boolean structural = r.nextInt(3) != 0;
      if (structural && name.endsWith(".tflite")) {
        byte[] s = TfliteMutations.mutate(b, r, recipe);
        if (s != null) {
          b = s;
          continue;
        }
      } else if (structural && name.endsWith(".onnx")) {
        byte[] s = OnnxMutations.mutate(b, r, recipe);
        if (s != null) {
          b = s;
          continue;
        }
      } else if (structural && name.endsWith(".json")) {
        b = KerasMutations.json(b, r, recipe);
        continue;
      } else if (structural && name.endsWith(".keras")) {
        b = KerasMutations.archive(b, r, recipe);
        continue;
      } else if (structural) {
        b = ByteMutations.textInside(b, r, recipe);
        continue;
      }
      b = ByteMutations.bytes(b, r, recipe);
    }
    return b;
  }

  private static void deleteTree(Path d) throws IOException {
    try (var s = Files.walk(d)) {
      s.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /** Mutations of any file's bytes. */
  static final class ByteMutations {
    private ByteMutations() {}

    /** Sizes a file could hold where a small one was: zero, negative, past an int. */
    private static final long[] INTERESTING = {
      0, 1, -1, 255, 65535, 65536, Integer.MAX_VALUE, 1L << 31, 1L << 32, 1L << 40, Long.MAX_VALUE
    };

    static byte[] bytes(byte[] b, Random r, List<String> recipe) {
      if (b.length == 0) {
        recipe.add("empty stays empty");
        return b;
      }
      switch (r.nextInt(6)) {
        case 0 -> {
          byte[] c = b.clone();
          int flips = 1 + r.nextInt(16);
          for (int i = 0; i < flips; i++) {
            int at = r.nextInt(c.length);
            c[at] ^= (byte) (1 << r.nextInt(8));
          }
          recipe.add("flip " + flips + " bits");
          return c;
        }
        case 1 -> {
          int len = r.nextInt(b.length);
          recipe.add("truncate to " + len + " of " + b.length + " bytes");
          return Arrays.copyOf(b, len);
        }
        case 2 -> {
          int from = r.nextInt(b.length);
          int len = 1 + r.nextInt(Math.min(4096, b.length - from));
          int to = r.nextInt(b.length - len + 1);
          byte[] chunk = Arrays.copyOfRange(b, from, from + len);
          byte[] rest = new byte[b.length - len];
          System.arraycopy(b, 0, rest, 0, from);
          System.arraycopy(b, from + len, rest, from, b.length - from - len);
          byte[] c = new byte[b.length];
          int at = Math.min(to, rest.length);
          System.arraycopy(rest, 0, c, 0, at);
          System.arraycopy(chunk, 0, c, at, len);
          System.arraycopy(rest, at, c, at + len, rest.length - at);
          recipe.add("move " + len + " bytes from " + from + " to " + at);
          return c;
        }
        case 3 -> {
          int from = r.nextInt(b.length);
          int len = 1 + r.nextInt(Math.min(4096, b.length - from));
          ByteArrayOutputStream o = new ByteArrayOutputStream();
          o.write(b, 0, from + len);
          o.write(b, from, len);
          o.write(b, from + len, b.length - from - len);
          recipe.add("duplicate " + len + " bytes at " + from);
          return o.toByteArray();
        }
        case 4 -> {
          int from = r.nextInt(b.length);
          int len = 1 + r.nextInt(Math.min(4096, b.length - from));
          byte[] c = new byte[b.length - len];
          System.arraycopy(b, 0, c, 0, from);
          System.arraycopy(b, from + len, c, from, b.length - from - len);
          recipe.add("cut " + len + " bytes at " + from);
          return c;
        }
        default -> {
          byte[] c = b.clone();
          long v = INTERESTING[r.nextInt(INTERESTING.length)];
          int width = r.nextBoolean() ? 4 : 8;
          int at = r.nextInt(Math.max(1, c.length - width));
          for (int i = 0; i < width && at + i < c.length; i++) {
            c[at + i] = (byte) (v >>> (8 * i));
          }
          recipe.add("write " + v + " as " + width + " bytes at " + at);
          return c;
        }
      }
    }

    /**
     * Edits inside the text a binary file holds (an HDF5 file's config JSON and attribute strings),
     * keeping its length so that the container stays readable: a number made huge, zero or
     * negative, a name or key misspelt, {@code true} and {@code null} swapped.
     */
    static byte[] textInside(byte[] b, Random r, List<String> recipe) {
      List<int[]> runs = new ArrayList<>();
      int start = -1;
      for (int i = 0; i <= b.length; i++) {
        boolean text = i < b.length && b[i] >= 0x20 && b[i] < 0x7f;
        if (text && start < 0) {
          start = i;
        } else if (!text && start >= 0) {
          if (i - start >= 3) {
            runs.add(new int[] {start, i});
          }
          start = -1;
        }
      }
      if (runs.isEmpty()) {
        return bytes(b, r, recipe);
      }
      byte[] c = b.clone();
      int edits = 1 + r.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int[] run = runs.get(r.nextInt(runs.size()));
        String s = new String(c, run[0], run[1] - run[0], StandardCharsets.ISO_8859_1);
        String t = TextEdits.edit(s, r, recipe);
        byte[] tb = t.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tb, 0, c, run[0], Math.min(tb.length, run[1] - run[0]));
      }
      return c;
    }
  }

  /** Length-keeping edits of text. */
  static final class TextEdits {
    private TextEdits() {}

    static String edit(String s, Random r, List<String> recipe) {
      char[] c = s.toCharArray();
      switch (r.nextInt(4)) {
        case 0 -> {
          // A digit run: all 9s (huge), all 0s, or a leading minus.
          List<int[]> digits = runsOf(c, Character::isDigit);
          if (!digits.isEmpty()) {
            int[] d = digits.get(r.nextInt(digits.size()));
            char fill = "90".charAt(r.nextInt(2));
            Arrays.fill(c, d[0], d[1], fill);
            if (r.nextBoolean() && d[1] - d[0] > 1) {
              c[d[0]] = '-';
            }
            recipe.add("text: digits at " + d[0] + " -> " + new String(c, d[0], d[1] - d[0]));
            return new String(c);
          }
          return misspell(c, r, recipe);
        }
        case 1 -> {
          String t = s;
          String[][] swaps = {
            {"true", "null"}, {"false", "\"x\"\""}, {"null", "true"}, {"[", "{"}, {"\"", "0"}
          };
          String[] sw = swaps[r.nextInt(swaps.length)];
          int at = t.indexOf(sw[0], r.nextInt(Math.max(1, t.length())));
          if (at < 0) {
            at = t.indexOf(sw[0]);
          }
          if (at >= 0 && sw[0].length() == sw[1].length()) {
            t = t.substring(0, at) + sw[1] + t.substring(at + sw[0].length());
            recipe.add("text: '" + sw[0] + "' -> '" + sw[1] + "' at " + at);
            return t;
          }
          return misspell(c, r, recipe);
        }
        case 2 -> {
          // A digit in place of a letter: a key or a class name no importer knows.
          List<int[]> letters = runsOf(c, Character::isLetter);
          if (!letters.isEmpty()) {
            int[] l = letters.get(r.nextInt(letters.size()));
            c[l[0] + r.nextInt(l[1] - l[0])] = 'Q';
            recipe.add("text: word at " + l[0] + " misspelt");
            return new String(c);
          }
          return misspell(c, r, recipe);
        }
        default -> {
          return misspell(c, r, recipe);
        }
      }
    }

    private static String misspell(char[] c, Random r, List<String> recipe) {
      int at = r.nextInt(c.length);
      c[at] = (char) (0x20 + r.nextInt(0x5f));
      recipe.add("text: char at " + at + " -> '" + c[at] + "'");
      return new String(c);
    }

    private static List<int[]> runsOf(char[] c, java.util.function.IntPredicate p) {
      List<int[]> out = new ArrayList<>();
      int start = -1;
      for (int i = 0; i <= c.length; i++) {
        boolean in = i < c.length && p.test(c[i]);
        if (in && start < 0) {
          start = i;
        } else if (!in && start >= 0) {
          out.add(new int[] {start, i});
          start = -1;
        }
      }
      return out;
    }
  }

  /** Keras configs as JSON: types, sizes, missing keys. */
  static final class KerasMutations {
    private KerasMutations() {}

    static byte[] json(byte[] b, Random r, List<String> recipe) {
      com.google.gson.JsonElement root;
      try {
        root = com.google.gson.JsonParser.parseString(new String(b, StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        return ByteMutations.bytes(b, r, recipe);
      }
      List<com.google.gson.JsonObject> objects = new ArrayList<>();
      collect(root, objects);
      if (objects.isEmpty()) {
        return ByteMutations.bytes(b, r, recipe);
      }
      com.google.gson.JsonObject o = objects.get(r.nextInt(objects.size()));
      List<String> keys = new ArrayList<>(o.keySet());
      if (keys.isEmpty()) {
        o.addProperty("units", -1);
        recipe.add("json: units -1 in an empty object");
      } else {
        String key = keys.get(r.nextInt(keys.size()));
        com.google.gson.JsonElement v = o.get(key);
        switch (r.nextInt(6)) {
          case 0 -> {
            o.remove(key);
            recipe.add("json: remove '" + key + "'");
          }
          case 1 -> {
            long[] sizes = {0, -1, -7, 1L << 31, 1L << 40, Integer.MAX_VALUE, 3};
            long s = sizes[r.nextInt(sizes.length)];
            if (v.isJsonArray() && !v.getAsJsonArray().isEmpty()) {
              com.google.gson.JsonArray a = v.getAsJsonArray();
              a.set(r.nextInt(a.size()), new com.google.gson.JsonPrimitive(s));
              recipe.add("json: an element of '" + key + "' -> " + s);
            } else {
              o.addProperty(key, s);
              recipe.add("json: '" + key + "' -> " + s);
            }
          }
          case 2 -> {
            com.google.gson.JsonElement[] other = {
              new com.google.gson.JsonPrimitive("x"),
              new com.google.gson.JsonPrimitive(1.5),
              new com.google.gson.JsonPrimitive(true),
              com.google.gson.JsonNull.INSTANCE,
              new com.google.gson.JsonArray(),
              new com.google.gson.JsonObject()
            };
            com.google.gson.JsonElement w = other[r.nextInt(other.length)];
            o.add(key, w);
            recipe.add("json: '" + key + "' -> " + w);
          }
          case 3 -> {
            if (v.isJsonArray() && !v.getAsJsonArray().isEmpty()) {
              com.google.gson.JsonArray a = v.getAsJsonArray();
              if (r.nextBoolean()) {
                a.remove(r.nextInt(a.size()));
                recipe.add("json: drop an element of '" + key + "'");
              } else {
                a.add(a.get(r.nextInt(a.size())).deepCopy());
                recipe.add("json: duplicate an element of '" + key + "'");
              }
            } else {
              o.add(key + "_", v);
              o.remove(key);
              recipe.add("json: rename '" + key + "'");
            }
          }
          case 4 -> {
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
              String[] names = {"Dense", "Conv2D", "Add", "Concatenate", "Reshape", "Flatten", "?"};
              String n = names[r.nextInt(names.length)];
              o.addProperty(key, n);
              recipe.add("json: '" + key + "' -> \"" + n + "\"");
            } else {
              o.addProperty(key, 1e300);
              recipe.add("json: '" + key + "' -> 1e300");
            }
          }
          default -> {
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
              o.addProperty(key, v.getAsBoolean() ? 1 : 0);
              recipe.add("json: '" + key + "' as a number");
            } else {
              o.add(key, com.google.gson.JsonNull.INSTANCE);
              recipe.add("json: '" + key + "' -> null");
            }
          }
        }
      }
      return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(
        com.google.gson.JsonElement e, List<com.google.gson.JsonObject> out) {
      if (e.isJsonObject()) {
        out.add(e.getAsJsonObject());
        e.getAsJsonObject().entrySet().forEach(x -> collect(x.getValue(), out));
      } else if (e.isJsonArray()) {
        e.getAsJsonArray().forEach(x -> collect(x, out));
      }
    }

    /** A {@code .keras} archive with its config.json (or, sometimes, its weights) mutated. */
    static byte[] archive(byte[] b, Random r, List<String> recipe) {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean weights = r.nextInt(4) == 0;
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(b));
            var zip = new java.util.zip.ZipOutputStream(out)) {
          java.util.zip.ZipEntry e;
          while ((e = in.getNextEntry()) != null) {
            byte[] content = in.readAllBytes();
            if (e.getName().equals("config.json") && !weights) {
              content = json(content, r, recipe);
            } else if (e.getName().endsWith(".h5") && weights) {
              content =
                  r.nextBoolean()
                      ? ByteMutations.textInside(content, r, recipe)
                      : ByteMutations.bytes(content, r, recipe);
              recipe.add("(in " + e.getName() + ")");
            }
            zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
            zip.write(content);
            zip.closeEntry();
          }
        }
        return out.toByteArray();
      } catch (IOException e) {
        // An archive an earlier round broke: its bytes then.
        return ByteMutations.bytes(b, r, recipe);
      }
    }
  }
}
