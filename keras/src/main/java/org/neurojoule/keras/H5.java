package org.neurojoule.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.message.DataLayout;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurojoule.KerasImportException;

/**
 * An HDF5 file read through jHDF with every declared size checked before anything is read: a
 * dataset or attribute larger than the file (or than the limits) is an error naming it, and any
 * failure of the parser on a damaged file becomes a {@link KerasImportException} naming the file.
 */
final class H5 implements AutoCloseable {
  static {
    // jhdf logs through SLF4J: no three-line complaint for an application without a provider.
    org.neurojoule.importing.QuietSlf4j.unlessConfigured();
  }

  /** The most values one weight array may hold (an int-indexed float array). */
  static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  /** The largest string attribute read (model configs are well below). */
  static final long MAX_ATTRIBUTE_BYTES = 64L << 20;

  private final HdfFile hdf;
  private final String label;
  private final long fileSize;

  private H5(HdfFile hdf, String label, long fileSize) {
    this.hdf = hdf;
    this.label = label;
    this.fileSize = fileSize;
  }

  static H5 open(Path path, String label, long fileSize) {
    return guarded(
        label, "not a readable HDF5 file", () -> new H5(new HdfFile(path), label, fileSize));
  }

  static H5 open(byte[] bytes, String label) {
    return guarded(
        label,
        "not a readable HDF5 file",
        () -> new H5(HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes)), label, bytes.length));
  }

  String label() {
    return label;
  }

  Group root() {
    return hdf;
  }

  Optional<Node> child(Group group, String name) {
    return guarded(
        label,
        "cannot read group '" + group.getPath() + "'",
        () -> Optional.ofNullable(group.getChildren().get(name)));
  }

  List<String> childNames(Group group) {
    return guarded(
        label,
        "cannot read group '" + group.getPath() + "'",
        () -> new ArrayList<>(group.getChildren().keySet()));
  }

  Optional<Group> group(Group parent, String path) {
    Group g = parent;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      Optional<Node> n = child(g, part);
      if (n.isEmpty() || !(n.get() instanceof Group next)) {
        return Optional.empty();
      }
      g = next;
    }
    return Optional.of(g);
  }

  /** A string attribute, fixed- or variable-length; absent gives empty. */
  Optional<String> string(Node node, String name) {
    List<String> all = strings(node, name);
    if (all.size() > 1) {
      throw error(node, "attribute '" + name + "' must be one string, has " + all.size());
    }
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * A list of strings; Keras splits long ones into {@code name0}, {@code name1}, ... . Absent gives
   * an empty list.
   */
  List<String> stringList(Node node, String name) {
    List<String> out = strings(node, name);
    if (!out.isEmpty()) {
      return out;
    }
    for (int i = 0; i < 10_000; i++) {
      List<String> chunk = strings(node, name + i);
      if (chunk.isEmpty()) {
        break;
      }
      out.addAll(chunk);
    }
    return out;
  }

  private List<String> strings(Node node, String name) {
    return guarded(
        label,
        "attribute '" + name + "' of '" + node.getPath() + "' cannot be read",
        () -> {
          Attribute a = node.getAttributes().get(name);
          if (a == null) {
            return List.<String>of();
          }
          long bytes = a.getSizeInBytes();
          if (bytes < 0 || bytes > MAX_ATTRIBUTE_BYTES || bytes > fileSize) {
            throw error(
                node,
                "attribute '"
                    + name
                    + "' declares "
                    + bytes
                    + " bytes, more than the file ("
                    + fileSize
                    + " bytes) or the limit ("
                    + MAX_ATTRIBUTE_BYTES
                    + ")");
          }
          if (a.isEmpty()) {
            return List.<String>of();
          }
          Object data = a.getData();
          List<String> out = new ArrayList<>();
          flattenStrings(node, name, data, out);
          return out;
        });
  }

  private void flattenStrings(Node node, String name, Object data, List<String> out) {
    if (data instanceof String s) {
      out.add(s);
    } else if (data instanceof byte[] b) {
      out.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
    } else if (data != null
        && data.getClass().isArray()
        && data.getClass().getComponentType() == String.class) {
      for (int i = 0; i < Array.getLength(data); i++) {
        out.add((String) Array.get(data, i));
      }
    } else {
      throw error(
          node,
          "attribute '"
              + name
              + "' must hold strings, holds "
              + (data == null ? "nothing" : data.getClass().getSimpleName()));
    }
  }

  /** A float dataset's dimensions, checked to be sane, before reading it. */
  int[] dims(Dataset ds) {
    return guarded(
        label,
        "dataset '" + ds.getPath() + "' cannot be read",
        () -> {
          int[] d = ds.getDimensions();
          long n = 1;
          for (int x : d) {
            if (x < 0) {
              throw error(ds, "declares a negative dimension " + x);
            }
            n = Math.multiplyExact(n, (long) x);
          }
          long bytes = Math.multiplyExact(n, 4L);
          boolean contiguous = ds.getDataLayout() != DataLayout.CHUNKED;
          if (n > MAX_VALUES || (contiguous && bytes > fileSize)) {
            throw error(
                ds,
                "declares "
                    + n
                    + " values ("
                    + WeightShapesText.of(d)
                    + "), more than the file ("
                    + fileSize
                    + " bytes) can hold");
          }
          return d;
        });
  }

  /** A dataset's values as float32, row-major; its size is checked first. */
  private static final java.util.Set<Class<?>> NUMBER_TYPES =
      java.util.Set.of(
          float.class,
          double.class,
          long.class,
          int.class,
          Float.class,
          Double.class,
          Long.class,
          Integer.class);

  float[] floats(Dataset ds) {
    dims(ds);
    return guarded(
        label,
        "dataset '" + ds.getPath() + "' cannot be read",
        () -> {
          Class<?> type = ds.getJavaType();
          // Integers too: Normalization's count is an int64 scalar (a scalar's type is boxed).
          if (!NUMBER_TYPES.contains(type)) {
            throw error(
                ds,
                "holds "
                    + type.getSimpleName()
                    + " values, not float32, float64 or an"
                    + " integer");
          }
          Object flat = ds.isScalar() ? ds.getData() : ds.getDataFlat();
          if (flat instanceof float[] f) {
            return f;
          }
          if (flat instanceof Float f) {
            return new float[] {f};
          }
          if (flat instanceof double[] dd) {
            float[] f = new float[dd.length];
            for (int i = 0; i < dd.length; i++) {
              f[i] = (float) dd[i];
            }
            return f;
          }
          if (flat instanceof Double d) {
            return new float[] {(float) (double) d};
          }
          if (flat instanceof long[] ll) {
            float[] f = new float[ll.length];
            for (int i = 0; i < ll.length; i++) {
              f[i] = ll[i];
            }
            return f;
          }
          if (flat instanceof int[] ii) {
            float[] f = new float[ii.length];
            for (int i = 0; i < ii.length; i++) {
              f[i] = ii[i];
            }
            return f;
          }
          if (flat instanceof Number x) {
            return new float[] {x.floatValue()};
          }
          throw error(ds, "holds no float values");
        });
  }

  KerasImportException error(Node node, String what) {
    return new KerasImportException(
        label
            + ": "
            + (node instanceof Dataset ? "dataset '" : "'")
            + node.getPath()
            + "': "
            + what);
  }

  interface Read<T> {
    T get();
  }

  /** Runs a jHDF read; its failures on a damaged file become one clear error. */
  static <T> T guarded(String label, String what, Read<T> read) {
    try {
      return read.get();
    } catch (KerasImportException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (detail.length() > 200) {
        detail = detail.substring(0, 197) + "...";
      }
      throw new KerasImportException(label + ": " + what + " (" + detail + ")", e);
    }
  }

  @Override
  public void close() {
    try {
      hdf.close();
    } catch (RuntimeException e) {
      // Closing a damaged file can fail too; nothing is left open that matters.
    }
  }

  /** Shapes in messages: {@code (3, 3, 1, 32)}. */
  static final class WeightShapesText {
    private WeightShapesText() {}

    static String of(int[] d) {
      StringBuilder b = new StringBuilder("(");
      for (int i = 0; i < d.length; i++) {
        b.append(i > 0 ? ", " : "").append(d[i]);
      }
      return b.append(d.length == 1 ? ",)" : ")").toString();
    }
  }
}
