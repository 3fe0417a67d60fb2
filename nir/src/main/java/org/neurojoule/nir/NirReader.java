package org.neurojoule.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.neurojoule.NirImportException;

/**
 * Reads the HDF5 layout of the NIR library's {@code serialization.py}: root group {@code node} with
 * a {@code type} "NIRGraph", a group {@code nodes} keyed by node name and a dataset {@code edges}
 * of (source, target) strings; each node a group with a {@code type} string and its parameters as
 * (gzip-compressed) datasets. Sizes are checked before values are read; every failure, the parser's
 * on a damaged file too, is a {@link NirImportException} naming the file.
 */
final class NirReader {
  static {
    // jhdf logs through SLF4J: no three-line complaint for an application without a provider.
    org.neurojoule.importing.QuietSlf4j.unlessConfigured();
  }

  /** The most values one parameter may hold (an int-indexed array). */
  static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  /** How deep NIRGraphs may nest (HDF5 links could otherwise loop). */
  static final int MAX_DEPTH = 32;

  private final String label;
  private final long maxValues;

  private NirReader(String label, long fileSize) {
    this.label = label;
    // gzip packs a constant array about 1000-fold: more than that cannot be in the file.
    this.maxValues = Math.min(MAX_VALUES, Math.max(1L << 20, fileSize * 1100));
  }

  /**
   * {@return the graph stored in {@code file}}
   *
   * @param file the {@code .nir} file
   * @param label the file's name in messages
   * @throws NirImportException naming the file and the problem
   */
  public static NirGraph read(Path file, String label) {
    if (!Files.isRegularFile(file)) {
      throw new NirImportException(label + ": no such file (" + file + ")");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (java.io.IOException e) {
      throw new NirImportException(label + ": cannot be read (" + e.getMessage() + ")", e);
    }
    NirReader reader = new NirReader(label, size);
    HdfFile hdf = reader.guarded("not a readable HDF5 file", () -> new HdfFile(file));
    try {
      Group root =
          reader.guarded(
              "not a readable HDF5 file",
              () -> {
                Node n = hdf.getChildren().get("node");
                return n instanceof Group g ? g : null;
              });
      if (root == null) {
        throw new NirImportException(label + ": not a NIR file: it has no group 'node'");
      }
      String type = reader.string(root, "type", "the root node");
      if (!type.equals("NIRGraph")) {
        throw new NirImportException(
            label + ": the root node has type '" + type + "', not NIRGraph");
      }
      return reader.graph(root, "", 0);
    } finally {
      try {
        hdf.close();
      } catch (RuntimeException e) {
        // a damaged file can fail to close; nothing is left open that matters
      }
    }
  }

  private NirGraph graph(Group group, String prefix, int depth) {
    String where = prefix.isEmpty() ? "the root graph" : "node '" + prefix + "' (NIRGraph)";
    if (depth > MAX_DEPTH) {
      throw new NirImportException(
          label + ": " + where + ": NIRGraphs nest more than " + MAX_DEPTH + " deep");
    }
    Group nodesGroup =
        guarded(
            where + " cannot be read",
            () -> group.getChildren().get("nodes") instanceof Group g ? g : null);
    if (nodesGroup == null) {
      throw new NirImportException(label + ": " + where + ": missing group 'nodes'");
    }
    Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
    Map<String, Node> children = guarded(where + " cannot be read", nodesGroup::getChildren);
    for (Map.Entry<String, Node> e : children.entrySet()) {
      String name = e.getKey();
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      if (!(e.getValue() instanceof Group g)) {
        throw new NirImportException(label + ": node '" + path + "' is not a group");
      }
      nodes.put(name, node(g, path, depth));
    }
    return new NirGraph(nodes, edges(group, where));
  }

  private NirGraph.Node node(Group g, String path, int depth) {
    String type = string(g, "type", "node '" + path + "'");
    if (type.equals("NIRGraph")) {
      return new NirGraph.Node(type, Map.of(), Optional.of(graph(g, path, depth + 1)));
    }
    Map<String, NirArray> params = new LinkedHashMap<>();
    Map<String, Node> children = guarded("node '" + path + "' cannot be read", g::getChildren);
    for (Map.Entry<String, Node> c : children.entrySet()) {
      if (c.getValue() instanceof Dataset ds && !c.getKey().equals("type")) {
        params.put(
            c.getKey(),
            array(ds, "node '" + path + "' (" + type + "): parameter '" + c.getKey() + "'"));
      }
    }
    return NirGraph.Node.of(type, params);
  }

  private List<NirGraph.Edge> edges(Group group, String where) {
    Node n = guarded(where + " cannot be read", () -> group.getChildren().get("edges"));
    if (!(n instanceof Dataset ds)) {
      throw new NirImportException(label + ": " + where + ": missing dataset 'edges'");
    }
    int[] dims = guarded(where + ": edges cannot be read", ds::getDimensions);
    if (ds.isEmpty() || (dims.length == 1 && dims[0] == 0) || (dims.length == 2 && dims[0] == 0)) {
      return List.of();
    }
    if (dims.length != 2 || dims[1] != 2) {
      throw new NirImportException(
          label
              + ": "
              + where
              + ": edges must be (source, target)"
              + " pairs, has shape "
              + java.util.Arrays.toString(dims));
    }
    checkCount(where + ": edges", dims);
    Object data = guarded(where + ": edges cannot be read", ds::getData);
    List<NirGraph.Edge> out = new ArrayList<>();
    for (int i = 0; i < dims[0]; i++) {
      Object pair = Array.get(data, i);
      out.add(new NirGraph.Edge(text(Array.get(pair, 0), where), text(Array.get(pair, 1), where)));
    }
    return out;
  }

  private String text(Object o, String where) {
    if (o instanceof String s) {
      return s;
    }
    if (o instanceof byte[] b) {
      return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
    throw new NirImportException(
        label
            + ": "
            + where
            + ": edges must hold node names, hold "
            + (o == null ? "nothing" : o.getClass().getSimpleName()));
  }

  private String string(Group g, String name, String where) {
    Node n = guarded(where + " cannot be read", () -> g.getChildren().get(name));
    if (!(n instanceof Dataset ds)) {
      throw new NirImportException(label + ": " + where + ": missing string '" + name + "'");
    }
    Object data = guarded(where + ": '" + name + "' cannot be read", ds::getData);
    if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
      data = Array.get(data, 0);
    }
    if (data instanceof String || data instanceof byte[]) {
      return text(data, where);
    }
    throw new NirImportException(label + ": " + where + ": '" + name + "' must be a string");
  }

  private NirArray array(Dataset ds, String where) {
    int[] dims = guarded(where + " cannot be read", ds::getDimensions);
    checkCount(where, dims);
    Object data =
        guarded(where + " cannot be read", () -> ds.isScalar() ? ds.getData() : ds.getDataFlat());
    if (data instanceof String s) {
      return NirArray.text(s);
    }
    if (data instanceof byte[] b && ds.getJavaType() == String.class) {
      return NirArray.text(text(b, where));
    }
    double[] values = numbers(data);
    if (values == null) {
      throw new NirImportException(
          label
              + ": "
              + where
              + " holds "
              + (data == null ? "nothing" : data.getClass().getSimpleName())
              + ", not numbers");
    }
    return NirArray.of(dims, values);
  }

  private static double[] numbers(Object data) {
    if (data instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    if (data instanceof Boolean b) {
      return new double[] {b ? 1 : 0};
    }
    if (data == null
        || !data.getClass().isArray()
        || !data.getClass().getComponentType().isPrimitive()) {
      return null;
    }
    int n = Array.getLength(data);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Object v = Array.get(data, i);
      if (!(v instanceof Number x)) {
        return null;
      }
      out[i] = x.doubleValue();
    }
    return out;
  }

  private void checkCount(String where, int[] dims) {
    long n = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new NirImportException(label + ": " + where + " declares a negative dimension " + d);
      }
      n = n > maxValues ? n : n * d;
    }
    if (n > maxValues) {
      throw new NirImportException(
          label
              + ": "
              + where
              + " declares "
              + java.util.Arrays.toString(dims)
              + " values, more than the file can hold (at most "
              + maxValues
              + ")");
    }
  }

  /** Runs a jHDF read; its failures on a damaged file become one clear error. */
  private <T> T guarded(String what, Supplier<T> read) {
    try {
      return read.get();
    } catch (NirImportException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (detail.length() > 200) {
        detail = detail.substring(0, 197) + "...";
      }
      throw new NirImportException(label + ": " + what + " (" + detail + ")", e);
    }
  }
}
