package org.neurojoule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Example inputs for firing rates: a batch of examples, float32, row-major, with the batch as the
 * first dimension of {@link #shape()}.
 *
 * <p>Data comes from an array ({@link #of}), a constant ({@link #filled}) or a NumPy {@code .npy}
 * file ({@link #fromNpy}); a file is read batch by batch while rates are computed, so it never has
 * to fit in memory.
 */
public final class ExampleData {
  private final float[] values;
  private final float fill;
  private final Npy npy;
  private final int[] shape;

  private ExampleData(float[] values, float fill, Npy npy, int[] shape) {
    this.values = values;
    this.fill = fill;
    this.npy = npy;
    this.shape = shape;
  }

  /**
   * {@return data from {@code values} in row-major order with this shape (batch first)} The array
   * is copied.
   *
   * @param values the values in row-major order, batch first (copied)
   * @param shape the dimensions, batch first
   * @throws IllegalArgumentException if the sizes do not match, or a value is NaN or infinite
   */
  public static ExampleData of(float[] values, int... shape) {
    Objects.requireNonNull(values, "values == null");
    int[] dims = checkShape(shape);
    long n = count(dims);
    if (n != values.length) {
      throw new IllegalArgumentException(
          "example data of shape "
              + Arrays.toString(dims)
              + " needs "
              + n
              + " values, got "
              + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "example data value "
                + i
                + " (at "
                + Arrays.toString(unravel(i, dims))
                + ") is "
                + values[i]
                + "; firing rates need finite numbers");
      }
    }
    return new ExampleData(values.clone(), 0, null, dims);
  }

  /**
   * {@return data of this shape (batch first) with every value {@code value}; takes no memory per
   * value}
   *
   * @param value the value of every element
   * @param shape the dimensions, batch first
   */
  public static ExampleData filled(double value, int... shape) {
    if (!Double.isFinite(value) || !Float.isFinite((float) value)) {
      throw new IllegalArgumentException(
          "example data value is " + value + "; firing rates need finite numbers");
    }
    int[] dims = checkShape(shape);
    return new ExampleData(null, (float) value, null, dims);
  }

  /**
   * {@return data from a NumPy {@code .npy} file of float32 or float64 values in C order, batch
   * first} The header is read now; the values are read (and float64 rounded to float32) batch by
   * batch when rates are computed, and a NaN or infinite value (or a float64 value beyond float32's
   * range) then fails naming the file and the index.
   *
   * @param file the {@code .npy} file
   * @throws IllegalArgumentException naming the file if it is not such an array
   * @throws UncheckedIOException if it cannot be read
   */
  public static ExampleData fromNpy(Path file) {
    Objects.requireNonNull(file, "file == null");
    Npy npy = Npy.open(file);
    return new ExampleData(null, 0, npy, npy.shape);
  }

  /**
   * Writes the data as a {@code .npy} file that numpy and {@link #fromNpy} read: float32 ({@code
   * '<f4'}), row-major, this shape. The file is written beside its final place and moved there at
   * the end, so a failure leaves no half-written file.
   *
   * @param file the file written (replaced if it exists)
   * @throws IllegalArgumentException if one example holds more values than a Java array, or a file
   *     value is NaN or infinite
   * @throws UncheckedIOException if it cannot be written
   */
  public void toNpy(Path file) {
    Objects.requireNonNull(file, "file == null");
    long per = exampleSize();
    if (per > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "one example of shape "
              + Arrays.toString(shape)
              + " has "
              + per
              + " values, more than one array holds");
    }
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(", ");
    }
    String dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': ("
            + (shape.length == 1 ? dims.toString().trim() : dims.substring(0, dims.length() - 2))
            + "), }";
    // Magic (6) + version (2) + length (2) + dict + padding + newline: a multiple of 64, as numpy.
    int headerLength = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - headerLength % 64) % 64) + "\n";
    Path absolute = file.toAbsolutePath();
    Path temp = absolute.resolveSibling(absolute.getFileName() + ".part");
    try {
      try (FileChannel out =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93)
            .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
            .put((byte) 1)
            .put((byte) 0)
            .putShort((short) header.length())
            .put(header.getBytes(StandardCharsets.US_ASCII))
            .flip();
        while (head.hasRemaining()) {
          out.write(head);
        }
        float[] example = new float[(int) per];
        ByteBuffer bytes =
            ByteBuffer.allocate((int) Math.min(per * 4, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < shape[0]; i++) {
          copyExamples(i, 1, example, 0);
          for (float v : example) {
            if (!bytes.hasRemaining()) {
              bytes.flip();
              while (bytes.hasRemaining()) {
                out.write(bytes);
              }
              bytes.clear();
            }
            bytes.putFloat(v);
          }
        }
        bytes.flip();
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
      java.nio.file.Files.move(
          temp,
          absolute,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        java.nio.file.Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The write failed already; that is the error to report.
      }
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      try {
        java.nio.file.Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Report the original error.
      }
      throw e;
    }
  }

  /**
   * {@return this data read as channels-first, PyTorch's {@code (N, C, H, W)} (or {@code (N, C,
   * L)}, {@code (N, C, D, H, W)}), transposed to the channels-last {@code (N, H, W, C)} NeuroJoule
   * and Keras take} The command line's {@code --data-layout nchw}. The values are read and copied.
   *
   * @throws IllegalArgumentException if the data has fewer than three dimensions (batch, channels
   *     and at least one more), or more values than one array holds
   */
  public ExampleData channelsFirstToLast() {
    if (shape.length < 3) {
      throw new IllegalArgumentException(
          "example data ("
              + source()
              + ") of shape "
              + Arrays.toString(shape)
              + " has no channels axis to move: channels-first data is (N, C, ...), three"
              + " dimensions or more");
    }
    float[] in = values();
    int n = shape[0];
    int c = shape[1];
    long inner = count(shape) / ((long) n * c);
    float[] out = new float[in.length];
    int at = 0;
    for (int b = 0; b < n; b++) {
      long base = (long) b * c * inner;
      for (long p = 0; p < inner; p++) {
        for (int ch = 0; ch < c; ch++) {
          out[at++] = in[(int) (base + ch * inner + p)];
        }
      }
    }
    int[] last = new int[shape.length];
    last[0] = n;
    System.arraycopy(shape, 2, last, 1, shape.length - 2);
    last[shape.length - 1] = c;
    return new ExampleData(out, 0, null, last);
  }

  /** {@return the shape, batch first} */
  public int[] shape() {
    return shape.clone();
  }

  /** {@return the number of examples (the first dimension)} */
  public int batchSize() {
    return shape[0];
  }

  /** {@return the number of values in one example} */
  public long exampleSize() {
    return count(shape) / shape[0];
  }

  /**
   * {@return where the data comes from, for messages: {@code file x.npy}, {@code array} or {@code
   * filled}}
   */
  public String source() {
    if (npy != null) {
      return "file " + npy.file;
    }
    return values != null ? "array" : "filled with " + fill;
  }

  /** {@return the values, row-major (a copy; reads the whole file for file data)} */
  public float[] values() {
    if (values != null) {
      return values.clone();
    }
    long n = count(shape);
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "example data of shape "
              + Arrays.toString(shape)
              + " has "
              + n
              + " values, more than one array holds");
    }
    float[] all = new float[(int) n];
    copyExamples(0, shape[0], all, 0);
    return all;
  }

  /**
   * Copies examples {@code [first, first + count)} into {@code dst} from {@code offset}, row-major.
   *
   * @param first the index of the first example copied
   * @param count the number of examples copied
   * @param dst the array written
   * @param offset the first index written in {@code dst}
   * @throws IllegalArgumentException if a file value is NaN or infinite, naming the file and index,
   *     or if {@code dst} has no room for the examples
   */
  public void copyExamples(long first, int count, float[] dst, int offset) {
    if (first < 0 || count < 0 || first + count > shape[0]) {
      throw new IndexOutOfBoundsException(
          "examples " + first + ".." + (first + count) + " of " + shape[0]);
    }
    long per = exampleSize();
    // No overflow: count examples are at most all of them, whose count fits in a long.
    if (per * count > dst.length - (long) offset) {
      throw new IllegalArgumentException(
          "examples "
              + first
              + ".."
              + (first + count)
              + " of example data of shape "
              + Arrays.toString(shape)
              + " hold "
              + per * count
              + " values; the destination has room for "
              + Math.max(0, dst.length - (long) offset));
    }
    int len = (int) (per * count);
    if (values != null) {
      System.arraycopy(values, Math.toIntExact(first * per), dst, offset, len);
    } else if (npy != null) {
      npy.read(first * per, len, dst, offset);
    } else {
      Arrays.fill(dst, offset, offset + len, fill);
    }
  }

  private static int[] checkShape(int[] shape) {
    Objects.requireNonNull(shape, "shape == null");
    if (shape.length < 1) {
      throw new IllegalArgumentException("example data needs a shape with a batch dimension");
    }
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "example data dimensions must be > 0, got " + Arrays.toString(shape));
      }
    }
    int[] dims = shape.clone();
    if (countOrNegative(dims) < 0) {
      throw new IllegalArgumentException(
          "example data of shape " + Arrays.toString(dims) + " has more than 2^63-1 values");
    }
    return dims;
  }

  /** The number of values, or -1 if a {@code long} cannot count them. */
  private static long countOrNegative(int[] dims) {
    long n = 1;
    for (int d : dims) {
      if (n > Long.MAX_VALUE / d) {
        return -1;
      }
      n *= d;
    }
    return n;
  }

  private static long count(int[] dims) {
    long n = 1;
    for (int d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  private static int[] unravel(long index, int[] dims) {
    int[] at = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      at[d] = (int) (index % dims[d]);
      index /= dims[d];
    }
    return at;
  }

  @Override
  public String toString() {
    return "ExampleData" + Arrays.toString(shape) + (npy != null ? " from " + npy.file : "");
  }

  /** A NumPy {@code .npy} file: header parsed, values read on demand. */
  private static final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern SIZE = Pattern.compile("[0-9]+");

    final Path file;
    final int[] shape;
    final boolean doubles;
    final ByteOrder order;
    final long dataStart;

    private Npy(Path file, int[] shape, boolean doubles, ByteOrder order, long dataStart) {
      this.file = file;
      this.shape = shape;
      this.doubles = doubles;
      this.order = order;
      this.dataStart = dataStart;
    }

    static Npy open(Path file) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, head, 0);
        head.flip();
        byte[] magic = new byte[6];
        if (head.remaining() < 10) {
          throw bad(file, "it is too short to be a .npy file");
        }
        head.get(magic);
        if ((magic[0] & 0xff) != 0x93
            || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
          throw bad(file, "it does not start with the .npy magic \\x93NUMPY");
        }
        int major = head.get() & 0xff;
        head.get();
        long headerLen;
        long headerStart;
        if (major == 1) {
          headerLen = head.getShort() & 0xffff;
          headerStart = 10;
        } else if (major == 2 || major == 3) {
          if (head.remaining() < 4) {
            throw bad(file, "its header is cut off");
          }
          headerLen = head.getInt() & 0xffffffffL;
          headerStart = 12;
        } else {
          throw bad(file, "it has .npy format version " + major + ", not 1, 2 or 3");
        }
        if (headerLen > 1 << 20) {
          throw bad(file, "its header is " + headerLen + " bytes long");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        readFully(ch, hb, headerStart);
        if (hb.hasRemaining()) {
          throw bad(
              file,
              "its header is cut off: it should be "
                  + headerLen
                  + " bytes long, the file has "
                  + hb.position()
                  + " after the preamble");
        }
        String header =
            new String(
                hb.array(),
                0,
                hb.position(),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
          throw bad(file, "its header is not a .npy header: " + header.trim());
        }
        String descr = d.group(1);
        boolean doubles;
        ByteOrder order;
        switch (descr) {
          case "<f4", "=f4" -> {
            doubles = false;
            order = ByteOrder.LITTLE_ENDIAN;
          }
          case ">f4" -> {
            doubles = false;
            order = ByteOrder.BIG_ENDIAN;
          }
          case "<f8", "=f8" -> {
            doubles = true;
            order = ByteOrder.LITTLE_ENDIAN;
          }
          case ">f8" -> {
            doubles = true;
            order = ByteOrder.BIG_ENDIAN;
          }
          default ->
              throw bad(
                  file,
                  "its dtype is '"
                      + descr
                      + "'; example data must be float32 ('<f4') or float64 ('<f8')");
        }
        if (f.group(1).equals("True")) {
          throw bad(
              file,
              "it is in Fortran order; save it in C order"
                  + " (numpy.ascontiguousarray) for example data");
        }
        int[] shape = parseShape(file, s.group(1));
        if (shape.length == 0) {
          throw bad(file, "it holds a scalar (shape ()); example data needs a batch dimension");
        }
        for (int x : shape) {
          if (x <= 0) {
            throw bad(file, "its shape " + pyShape(shape) + " has an empty dimension");
          }
        }
        long dataStart = headerStart + headerLen;
        long values = countOrNegative(shape);
        int item = doubles ? 8 : 4;
        long present = ch.size() - dataStart;
        if (values < 0 || values > present / item) {
          String needed =
              values < 0 || values > Long.MAX_VALUE / item
                  ? "more than 2^63-1"
                  : Long.toString(values * item);
          throw bad(
              file,
              "it is cut off: shape "
                  + pyShape(shape)
                  + " needs "
                  + needed
                  + " bytes of data, the file has "
                  + present);
        }
        return new Npy(file, shape, doubles, order, dataStart);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read example data file " + file, e);
      }
    }

    /**
     * The sizes of a header's {@code 'shape'} tuple. Python 2's numpy wrote longs as {@code 10L};
     * numpy reads them, so the suffix is accepted.
     */
    private static int[] parseShape(Path file, String tuple) {
      String[] parts = tuple.trim().isEmpty() ? new String[0] : tuple.split(",", -1);
      int n = parts.length;
      if (n > 0 && parts[n - 1].isBlank()) {
        n--; // the trailing comma of (5,)
      }
      int[] shape = new int[n];
      for (int i = 0; i < n; i++) {
        String size = parts[i].trim();
        if (size.endsWith("L") || size.endsWith("l")) {
          size = size.substring(0, size.length() - 1);
        }
        if (!SIZE.matcher(size).matches()) {
          throw bad(
              file,
              "its header's shape ("
                  + tuple.trim()
                  + ") is not a tuple of sizes:"
                  + " '"
                  + parts[i].trim()
                  + "' is not a size");
        }
        long d = size.length() > 10 ? Long.MAX_VALUE : Long.parseLong(size);
        if (d > Integer.MAX_VALUE) {
          throw bad(
              file,
              "its header's shape ("
                  + tuple.trim()
                  + ") has dimension "
                  + size
                  + ", more than "
                  + Integer.MAX_VALUE
                  + ", the largest one example data takes");
        }
        shape[i] = (int) d;
      }
      return shape;
    }

    void read(long firstValue, int len, float[] dst, int off) {
      int item = doubles ? 8 : 4;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buf = ByteBuffer.allocate(Math.min(len, 1 << 16) * item).order(order);
        int done = 0;
        while (done < len) {
          int chunk = Math.min(len - done, buf.capacity() / item);
          buf.clear().limit(chunk * item);
          readFully(ch, buf, dataStart + (firstValue + done) * item);
          if (buf.position() < chunk * item) {
            throw bad(file, "it ended early");
          }
          buf.flip();
          for (int i = 0; i < chunk; i++) {
            double raw = doubles ? buf.getDouble() : buf.getFloat();
            float v = (float) raw;
            if (!Float.isFinite(v)) {
              long index = firstValue + done + i;
              // A finite double that rounds to infinity is not "Infinity" in the file: say why.
              String what = Double.isFinite(raw) ? raw + ", which overflows float32" : "" + v;
              throw new IllegalArgumentException(
                  "example data file "
                      + file
                      + ": value "
                      + index
                      + " (at "
                      + Arrays.toString(unravel(index, shape))
                      + ") is "
                      + what
                      + "; firing rates need finite numbers");
            }
            dst[off + done + i] = v;
          }
          done += chunk;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read example data file " + file, e);
      }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
      while (buf.hasRemaining()) {
        int r = ch.read(buf, at + buf.position());
        if (r < 0) {
          return;
        }
      }
    }

    private static IllegalArgumentException bad(Path file, String why) {
      return new IllegalArgumentException("example data file " + file + " cannot be used: " + why);
    }
  }

  /** A shape as NumPy prints it: {@code (32, 28, 28)}, {@code (5,)}. */
  static String pyShape(int[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(shape[i]);
    }
    return s.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
