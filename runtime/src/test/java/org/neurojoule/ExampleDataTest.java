package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ExampleData from arrays, constants and .npy files, and its errors. */
class ExampleDataTest {
  @TempDir Path dir;

  /** Writes a version-1 .npy file with this header dict and raw data. */
  static Path npy(Path file, String descr, boolean fortran, int[] shape, byte[] data)
      throws IOException {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i > 0 ? ", " : "").append(shape[i]);
    }
    s.append(shape.length == 1 ? ",)" : ")");
    return npy(file, descr, fortran, s.toString(), data);
  }

  /** Writes a version-1 .npy file whose header's shape is {@code shapeTuple}, as written. */
  static Path npy(Path file, String descr, boolean fortran, String shapeTuple, byte[] data)
      throws IOException {
    String dict =
        "{'descr': '"
            + descr
            + "', 'fortran_order': "
            + (fortran ? "True" : "False")
            + ", 'shape': "
            + shapeTuple
            + ", }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII))
        .put(data);
    Files.write(file, b.array());
    return file;
  }

  static byte[] floats(float... v) {
    return floats(ByteOrder.LITTLE_ENDIAN, v);
  }

  static byte[] floats(ByteOrder order, float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  static byte[] doubles(double... v) {
    return doubles(ByteOrder.LITTLE_ENDIAN, v);
  }

  static byte[] doubles(ByteOrder order, double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
    for (double x : v) {
      b.putDouble(x);
    }
    return b.array();
  }

  @Test
  void readsFloat32AndFloat64() throws IOException {
    ExampleData f =
        ExampleData.fromNpy(
            npy(dir.resolve("a.npy"), "<f4", false, new int[] {2, 3}, floats(1, -2, 3, 4, 5, 6)));
    assertThat(f.shape()).isEqualTo(new int[] {2, 3});
    assertThat(f.values()).isEqualTo(new float[] {1, -2, 3, 4, 5, 6});
    ExampleData d =
        ExampleData.fromNpy(
            npy(dir.resolve("b.npy"), "<f8", false, new int[] {2, 3}, doubles(0.1, 2, 3, 4, 5, 6)));
    assertThat(d.values()[0]).isEqualTo(0.1f);
    float[] two = new float[3];
    d.copyExamples(1, 1, two, 0);
    assertThat(two).isEqualTo(new float[] {4, 5, 6});
  }

  @Test
  void npyRatesEqualArrayRates() throws IOException {
    float[] x = new float[6 * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    Path file = npy(dir.resolve("x.npy"), "<f4", false, new int[] {6, 4}, floats(x));
    Model m =
        Model.of(Model.input(4, 1).conv1d(3, 2).relu().flatten().dense(2)).initializeWeights(1);
    Map<String, Double> a =
        m.energy(e -> e.exampleData(ExampleData.of(x, 6, 4)).batchSize(4)).rates();
    Map<String, Double> b =
        m.energy(e -> e.exampleData(ExampleData.fromNpy(file)).batchSize(4)).rates();
    assertThat(b).isEqualTo(a);
    // Another batch size only regroups the float partial sums.
    Map<String, Double> c = m.energy(e -> e.exampleData(ExampleData.of(x, 6, 4))).rates();
    for (String layer : a.keySet()) {
      assertThat(c.get(layer)).isWithin(1e-6 * a.get(layer)).of(a.get(layer));
    }
  }

  @Test
  void readsBigEndianFloat32AndFloat64() throws IOException {
    ExampleData f =
        ExampleData.fromNpy(
            npy(
                dir.resolve("be4.npy"),
                ">f4",
                false,
                new int[] {2, 2},
                floats(ByteOrder.BIG_ENDIAN, 1.5f, -2, 1e-20f, 3e38f)));
    assertThat(f.values()).isEqualTo(new float[] {1.5f, -2, 1e-20f, 3e38f});
    ExampleData d =
        ExampleData.fromNpy(
            npy(
                dir.resolve("be8.npy"),
                ">f8",
                false,
                new int[] {2, 2},
                doubles(ByteOrder.BIG_ENDIAN, 0.1, -2, 1e-20, 3e38)));
    assertThat(d.values()).isEqualTo(new float[] {0.1f, -2, 1e-20f, 3e38f});
    float[] second = new float[2];
    d.copyExamples(1, 1, second, 0);
    assertThat(second).isEqualTo(new float[] {1e-20f, 3e38f});
  }

  @Test
  void nanInNpyNamesFileIndexAndValue() throws IOException {
    Path f4 =
        npy(dir.resolve("nan4.npy"), "<f4", false, new int[] {2, 2}, floats(1, 2, Float.NaN, 4));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExampleData.fromNpy(f4).values());
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data file "
                + f4
                + ": value 2 (at [1, 0]) is NaN; firing rates need finite numbers");
    Path f8 = npy(dir.resolve("nan8.npy"), "<f8", false, new int[] {3}, doubles(1, 2, Double.NaN));
    e = assertThrows(IllegalArgumentException.class, () -> ExampleData.fromNpy(f8).values());
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data file "
                + f8
                + ": value 2 (at [2]) is NaN; firing rates need finite numbers");
  }

  @Test
  void float64BeyondFloat32RangeSaysItOverflows() throws IOException {
    Path file =
        npy(dir.resolve("big.npy"), "<f8", false, new int[] {2, 2}, doubles(0, 3.4e38, -1e39, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExampleData.fromNpy(file).values());
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data file "
                + file
                + ": value 2 (at [1, 0]) is -1.0E39, which overflows float32;"
                + " firing rates need finite numbers");
    // An infinity in the file is reported as such.
    Path inf =
        npy(dir.resolve("inf.npy"), "<f8", false, new int[] {1}, doubles(Double.POSITIVE_INFINITY));
    e = assertThrows(IllegalArgumentException.class, () -> ExampleData.fromNpy(inf).values());
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data file "
                + inf
                + ": value 0 (at [0]) is Infinity; firing rates need finite numbers");
  }

  @Test
  void fortranOrderErrorNamesTheFile() throws IOException {
    Path file = npy(dir.resolve("fortran.npy"), "<f8", true, new int[] {2, 3}, new byte[48]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExampleData.fromNpy(file));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data file "
                + file
                + " cannot be used: it is in Fortran order; save it in C order"
                + " (numpy.ascontiguousarray) for example data");
  }

  @Test
  void nanInArrayNamesIndexAndPosition() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExampleData.of(new float[] {1, 2, 3, Float.NaN, 5, 6}, 2, 3));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("example data value 3 (at [1, 0]) is NaN; firing rates need finite numbers");
  }

  @Test
  void rejectsOtherDtypesAndFortranOrder() throws IOException {
    Path ints = npy(dir.resolve("i.npy"), "<i4", false, new int[] {2}, new byte[8]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExampleData.fromNpy(ints));
    assertThat(e).hasMessageThat().contains("i.npy");
    assertThat(e).hasMessageThat().contains("'<i4'");
    Path fortran = npy(dir.resolve("f.npy"), "<f4", true, new int[] {2, 2}, new byte[16]);
    e = assertThrows(IllegalArgumentException.class, () -> ExampleData.fromNpy(fortran));
    assertThat(e).hasMessageThat().contains("Fortran order");
    Path cut = npy(dir.resolve("c.npy"), "<f4", false, new int[] {4, 4}, new byte[16]);
    e = assertThrows(IllegalArgumentException.class, () -> ExampleData.fromNpy(cut));
    assertThat(e).hasMessageThat().contains("cut off");
  }

  @Test
  void shapeThatDoesNotFitNamesFileAndShapes() throws IOException {
    Path file =
        npy(dir.resolve("s.npy"), "<f4", false, new int[] {2, 27, 28}, new byte[2 * 27 * 28 * 4]);
    Model m = GoldenSummaryTest.mnist().model();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.energy(o -> o.exampleData(ExampleData.fromNpy(file))).rates());
    assertThat(e).hasMessageThat().contains("s.npy");
    assertThat(e).hasMessageThat().contains("(2, 27, 28)");
    assertThat(e).hasMessageThat().contains("(None, 28, 28, 1)");
  }

  @Test
  void missingChannelGetsTrailingOne() {
    Model m = GoldenSummaryTest.mnist().model().initializeWeights(0);
    Map<String, Double> a =
        m.energy(e -> e.exampleData(ExampleData.filled(0.5, 2, 28, 28))).rates();
    Map<String, Double> b =
        m.energy(e -> e.exampleData(ExampleData.filled(0.5, 2, 28, 28, 1))).rates();
    assertThat(a).isEqualTo(b);
    assertThat(a.get("input_1")).isEqualTo(0.5);
  }

  @Test
  void nanAndInfinityAreErrors() throws IOException {
    assertThrows(
        IllegalArgumentException.class, () -> ExampleData.of(new float[] {1, Float.NaN}, 1, 2));
    assertThrows(
        IllegalArgumentException.class, () -> ExampleData.filled(Double.POSITIVE_INFINITY, 1, 2));
    Path file =
        npy(
            dir.resolve("n.npy"),
            "<f4",
            false,
            new int[] {1, 2},
            floats(1, Float.NEGATIVE_INFINITY));
    ExampleData d = ExampleData.fromNpy(file);
    Model m = Model.of(Model.input(2).dense(1)).initializeWeights(0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.energy(o -> o.exampleData(d)).rates());
    assertThat(e).hasMessageThat().contains("n.npy");
    assertThat(e).hasMessageThat().contains("-Infinity");
  }

  @Test
  void python2LongSizesInTheHeaderAreRead() throws IOException {
    ExampleData d =
        ExampleData.fromNpy(
            npy(dir.resolve("py2.npy"), "<f4", false, "(2L, 3L)", floats(1, -2, 3, 4, 5, 6)));
    assertThat(d.shape()).isEqualTo(new int[] {2, 3});
    assertThat(d.values()).isEqualTo(new float[] {1, -2, 3, 4, 5, 6});
    ExampleData one =
        ExampleData.fromNpy(npy(dir.resolve("py2one.npy"), "<f4", false, "(2L,)", floats(7, 8)));
    assertThat(one.shape()).isEqualTo(new int[] {2});
  }

  @Test
  void progressListenerHearsEveryBatch() {
    Model m = Model.of(Model.input(4).dense(2)).initializeWeights(0);
    java.util.List<Long> seen = new java.util.ArrayList<>();
    EnergyOptions options =
        EnergyOptions.DEFAULTS
            .batchSize(3)
            .progress(
                (done, total, nanos) -> {
                  assertThat(total).isEqualTo(10);
                  seen.add(done);
                });
    org.neurojoule.engine.FiringRates.of(m, ExampleData.filled(1, 10, 4), options);
    assertThat(seen).containsExactly(3L, 6L, 9L, 10L).inOrder();
  }

  @Test
  void toNpy_writesWhatNumpyAndFromNpyRead() throws IOException {
    Path file = dir.resolve("out.npy");
    ExampleData.of(new float[] {0, 1.5f, -2, 3, 4, 5}, 2, 3).toNpy(file);
    byte[] bytes = Files.readAllBytes(file);
    int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    assertThat(header.trim())
        .isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    assertThat(header).endsWith("\n");
    assertThat((10 + headerLength) % 64).isEqualTo(0);
    assertThat(bytes.length).isEqualTo(10 + headerLength + 6 * 4);
    ExampleData back = ExampleData.fromNpy(file);
    assertThat(back.shape()).asList().containsExactly(2, 3).inOrder();
    assertThat(back.values())
        .usingExactEquality()
        .containsExactly(new float[] {0, 1.5f, -2, 3, 4, 5})
        .inOrder();
    assertThat(Files.exists(dir.resolve("out.npy.part"))).isFalse();
  }

  @Test
  void toNpy_ofOneAxis_writesATupleOfOne() throws IOException {
    Path file = dir.resolve("one.npy");
    ExampleData.of(new float[] {7, 8, 9}, 3).toNpy(file);
    String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    assertThat(text).contains("'shape': (3,), }");
    assertThat(ExampleData.fromNpy(file).values())
        .usingExactEquality()
        .containsExactly(new float[] {7, 8, 9})
        .inOrder();
  }

  @Test
  void toNpy_intoAMissingFolder_isAClearError() {
    Path file = dir.resolve("no/such/folder/x.npy");
    java.io.UncheckedIOException e =
        assertThrows(
            java.io.UncheckedIOException.class,
            () -> ExampleData.of(new float[] {1}, 1).toNpy(file));
    assertThat(e).hasMessageThat().startsWith("cannot write " + file + ": ");
    assertThat(Files.exists(file)).isFalse();
  }
}
