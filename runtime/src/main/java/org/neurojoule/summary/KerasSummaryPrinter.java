package org.neurojoule.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reproduces, character for character, the text that Keras 2 prints for {@code model.summary()}.
 *
 * <h2>Source followed</h2>
 *
 * <p>This is a port of {@code print_summary}, {@code readable_memory_size} and {@code
 * weight_memory_size} from {@code keras/src/utils/layer_utils.py} of Keras 2.13&ndash;2.15 (the
 * {@code tf.keras} of TensorFlow 2.13&ndash;2.15). The text actually read was the identical
 * continuation of that file in the {@code keras-team/tf-keras} repository, {@code
 * tf_keras/utils/layer_utils.py} (tf-keras 2.15; commits {@code 6add81a9} and {@code 803835f8},
 * whose {@code print_summary} are identical). This is the version whose totals read {@code Total
 * params: 7895140 (30.12 MB)}: no thousands separators and the weight memory in parentheses. (Keras
 * 2.12 and older printed {@code Total params: 7,895,140} with no size; Keras 3 draws a {@code rich}
 * table instead. Neither is reproduced here.) Printed summaries of that version found in public
 * code were used as extra ground truth in the tests.
 *
 * <h2>What is printed</h2>
 *
 * <p>Every line below is one call of Keras' {@code print_fn}, which by default ({@code
 * io_utils.print_msg}) writes the line followed by {@code "\n"}; the returned string therefore ends
 * with exactly one {@code "\n"} after the last rule line, and has no trailing blank line.
 *
 * <ol>
 *   <li>{@code Model: "<name>"}
 *   <li>{@code "_" * line_length}
 *   <li>the header row: {@code Layer (type)}, {@code Output Shape}, {@code Param #} and, when the
 *       model is not sequential-like, {@code Connected to}
 *   <li>{@code "=" * line_length}
 *   <li>for each layer: its row (possibly several printed lines, see below) followed by a line of
 *       {@code line_length} spaces (Keras 2.13+ separates rows with a blank padded line, not with a
 *       {@code "_"} rule, and also prints it after the last layer)
 *   <li>{@code "=" * line_length}
 *   <li>{@code Total params: N (size)}, {@code Trainable params: N (size)}, {@code Non-trainable
 *       params: N (size)}, with the size from {@link #readableMemorySize(double)}
 *   <li>{@code "_" * line_length}
 * </ol>
 *
 * <p>Sequential-like models use {@code line_length = 65} and positions {@code [.45, .85, 1.]}
 * (absolute {@code [29, 55, 65]}); other models use {@code line_length = 98} and positions {@code
 * [.3, .6, .70, 1.]} (absolute {@code [29, 58, 68, 98]}). Relative positions become absolute with
 * Python's {@code int(line_length * p)}.
 *
 * <h2>Row wrapping ({@code print_row})</h2>
 *
 * <p>Each cell is {@code str()} of the field. While any cell has text left, one line is built: for
 * column {@code col} spanning {@code [start, end)} the cut-off is {@code end - start - 2 - 1} (2
 * spaces of gap plus 1 because the first column starts with one space), except for the last column,
 * whose cut-off is {@code end - start} with no gap. The first {@code cutoff} characters are taken;
 * if they contain {@code "),"}, {@code "},"}, {@code "],"} or {@code "',"} the piece is shortened
 * to end just after the earliest such occurrence. The first column is preceded by one space; each
 * piece except the last column's is followed by two spaces; then the line is padded with spaces to
 * the column's end position. Lines are therefore always padded to the full line length (they carry
 * trailing spaces) unless a cell overflows.
 *
 * <p>The {@code Connected to} cell is {@code str()} of a Python list of strings, e.g. {@code []}
 * for an input layer, {@code ['conv2d[0][0]']}, or {@code ['a[0][0]', 'b[0][0]']}; the {@code "',"}
 * break rule then prints one inbound tensor per line, the continuation lines starting with the
 * space that followed the comma.
 *
 * <p>Not supported (not needed by NeuroJoule): {@code expand_nested}, {@code show_trainable},
 * {@code layer_range}, the {@code "0 (unused)"} parameter cell of unbuilt layers of subclassed
 * models, DTensor sharding lines, and dtypes other than float32 (4 bytes per parameter).
 */
public final class KerasSummaryPrinter {

  /** Default line length of a sequential-like summary. */
  public static final int SEQUENTIAL_LINE_LENGTH = 65;

  /** Default line length of a summary with a {@code Connected to} column. */
  public static final int FUNCTIONAL_LINE_LENGTH = 98;

  /** Bytes per parameter: Keras' {@code w.dtype.size} for float32. */
  public static final int FLOAT32_BYTES = 4;

  private static final double[] SEQUENTIAL_POSITIONS = {0.45, 0.85, 1.0};
  private static final double[] FUNCTIONAL_POSITIONS = {0.3, 0.6, 0.70, 1.0};
  private static final String[] LINE_BREAK_CONDITIONS = {"),", "},", "],", "',"};
  private static final String[] MEMORY_UNITS = {"Byte", "KB", "MB", "GB", "TB", "PB"};

  private KerasSummaryPrinter() {}

  /**
   * One layer row, in the order of {@code model.layers}.
   *
   * @param name the layer name, e.g. {@code conv2d}
   * @param type the layer class name, e.g. {@code Conv2D}
   * @param outputShape Python's {@code str(layer.output_shape)}, preformatted, e.g. {@code (None,
   *     22, 22, 2)} or {@code [(None, 28, 28, 1)]} for an input layer
   * @param params {@code layer.count_params()}
   * @param connectedTo one {@code "layerName[nodeIndex][tensorIndex]"} per inbound tensor of the
   *     layer's nodes that belong to the model; empty for input layers. Ignored for sequential-like
   *     summaries.
   */
  public record Row(
      String name, String type, String outputShape, long params, List<String> connectedTo) {

    /** Validates and copies the row. */
    public Row {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(outputShape, "outputShape");
      connectedTo = List.copyOf(Objects.requireNonNull(connectedTo, "connectedTo"));
    }

    /** A row without connections (input layers, or any layer of a sequential-like model). */
    public Row(String name, String type, String outputShape, long params) {
      this(name, type, outputShape, params, List.of());
    }
  }

  /**
   * Parameter totals of the model; the memory sizes are {@code count * 4} bytes (float32).
   *
   * @param total must equal {@code trainable + nonTrainable}, as Keras prints their sum
   * @param trainable trainable parameter count
   * @param nonTrainable non-trainable parameter count
   */
  public record Totals(long total, long trainable, long nonTrainable) {

    /** Validates the totals. */
    public Totals {
      if (total != trainable + nonTrainable) {
        throw new IllegalArgumentException(
            "total ("
                + total
                + ") != trainable ("
                + trainable
                + ") + non-trainable ("
                + nonTrainable
                + ")");
      }
    }

    /** Totals from the trainable and non-trainable counts. */
    public static Totals of(long trainable, long nonTrainable) {
      return new Totals(trainable + nonTrainable, trainable, nonTrainable);
    }
  }

  /** How the model was defined, which is the first thing Keras' sequential-like rule looks at. */
  public enum ModelKind {
    /** A {@code keras.Sequential}: always sequential-like. */
    SEQUENTIAL,
    /** A subclassed model (not a graph network): always sequential-like. */
    SUBCLASSED,
    /** A functional model (a graph network): sequential-like only if its graph is a plain chain. */
    FUNCTIONAL
  }

  /**
   * One node (one call of a layer) of a functional model's graph, i.e. one element of {@code
   * model._nodes_by_depth}.
   *
   * @param layerName the name of the called layer
   * @param nodeIndex the index of this node in the layer's {@code _inbound_nodes}
   * @param inputs one {@code "layerName[nodeIndex][tensorIndex]"} per Keras tensor among the call
   *     arguments ({@code tf.nest.flatten(node.keras_inputs)}, which includes tensors passed as
   *     keyword arguments); empty for the node of an input layer. Each must name a node of the same
   *     graph.
   */
  public record GraphNode(String layerName, int nodeIndex, List<String> inputs) {

    /** Validates and copies the node. */
    public GraphNode {
      Objects.requireNonNull(layerName, "layerName");
      inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    }
  }

  /**
   * Keras' {@code sequential_like} decision, on plain data.
   *
   * <p>The rule of {@code print_summary}: a {@code Sequential} model and a subclassed model are
   * always sequential-like. A functional model is sequential-like when (1) every depth of {@code
   * model._nodes_by_depth} holds exactly one node and that node has at most one Keras input tensor,
   * and (2) no layer of the model owns more than one of those nodes (no shared layer). Together
   * these mean the graph is a single chain {@code Input -> a -> b -> ...} with no branching,
   * merging or layer reuse; tensors passed as keyword arguments (e.g. a mask) count as inputs too.
   * Node depths are computed as Keras' {@code _map_graph_network} does: a node no other node
   * consumes has depth 0 and every producer is one deeper than its deepest consumer.
   *
   * <p>Note that the decision says nothing about the printed row order: the rows are printed in
   * {@code model.layers} order, as given to {@link #print}.
   *
   * @param kind how the model was defined
   * @param nodes the nodes of the model's graph (ignored unless {@code kind} is {@link
   *     ModelKind#FUNCTIONAL})
   * @return whether Keras prints the three-column, 65-character summary
   * @throws IllegalArgumentException if an input names a node that is not in {@code nodes}, if a
   *     node is listed twice, or if the graph has a cycle
   */
  public static boolean isSequentialLike(ModelKind kind, List<GraphNode> nodes) {
    Objects.requireNonNull(kind, "kind");
    if (kind != ModelKind.FUNCTIONAL) {
      return true;
    }
    Map<String, GraphNode> byKey = new LinkedHashMap<>();
    for (GraphNode node : nodes) {
      String key = node.layerName() + "[" + node.nodeIndex() + "]";
      if (byKey.put(key, node) != null) {
        throw new IllegalArgumentException("node listed twice: " + key);
      }
    }
    // Parent node keys of each node (a tensor reference "l[n][t]" names node "l[n]").
    Map<String, List<String>> parents = new HashMap<>();
    Map<String, List<String>> children = new HashMap<>();
    for (Map.Entry<String, GraphNode> e : byKey.entrySet()) {
      List<String> ps = new ArrayList<>();
      for (String input : e.getValue().inputs()) {
        String parent = nodeKeyOf(input);
        if (!byKey.containsKey(parent)) {
          throw new IllegalArgumentException(
              "input " + input + " of " + e.getKey() + " names no node of the graph");
        }
        ps.add(parent);
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(e.getKey());
      }
      parents.put(e.getKey(), ps);
    }
    Map<String, Integer> depth = new HashMap<>();
    for (String key : byKey.keySet()) {
      depthOf(key, children, depth, new HashSet<>());
    }
    Map<Integer, List<String>> nodesByDepth = new TreeMap<>();
    for (String key : byKey.keySet()) {
      nodesByDepth.computeIfAbsent(depth.get(key), d -> new ArrayList<>()).add(key);
    }
    // (1) one node per depth, with at most one input tensor.
    for (List<String> atDepth : nodesByDepth.values()) {
      if (atDepth.size() > 1 || byKey.get(atDepth.get(0)).inputs().size() > 1) {
        return false;
      }
    }
    // (2) no layer with two nodes in the graph.
    Set<String> layers = new HashSet<>();
    for (GraphNode node : byKey.values()) {
      if (!layers.add(node.layerName())) {
        return false;
      }
    }
    return true;
  }

  private static int depthOf(
      String key, Map<String, List<String>> children, Map<String, Integer> memo, Set<String> path) {
    Integer known = memo.get(key);
    if (known != null) {
      return known;
    }
    if (!path.add(key)) {
      throw new IllegalArgumentException("the graph has a cycle through " + key);
    }
    int d = 0;
    for (String child : children.getOrDefault(key, List.of())) {
      d = Math.max(d, depthOf(child, children, memo, path) + 1);
    }
    path.remove(key);
    memo.put(key, d);
    return d;
  }

  private static String nodeKeyOf(String tensorRef) {
    // "layer[node][tensor]" -> "layer[node]"; the layer name itself may contain brackets.
    int last = tensorRef.lastIndexOf('[');
    if (last <= 0 || !tensorRef.endsWith("]")) {
      throw new IllegalArgumentException(
          "not a layerName[nodeIndex][tensorIndex] reference: " + tensorRef);
    }
    String key = tensorRef.substring(0, last);
    if (!key.endsWith("]") || key.lastIndexOf('[') <= 0) {
      throw new IllegalArgumentException(
          "not a layerName[nodeIndex][tensorIndex] reference: " + tensorRef);
    }
    return key;
  }

  /**
   * Prints the summary with Keras' default line length (65 when sequential-like, else 98).
   *
   * @param modelName {@code model.name}, e.g. {@code model} or {@code sequential}
   * @param rows one row per layer, in {@code model.layers} order
   * @param totals the parameter totals
   * @param sequentialLike Keras' {@code sequential_like} (see {@link #isSequentialLike})
   * @return the printed text, every line terminated by {@code "\n"}
   */
  public static String print(
      String modelName, List<Row> rows, Totals totals, boolean sequentialLike) {
    return print(modelName, rows, totals, sequentialLike, 0);
  }

  /**
   * Prints the summary as {@code model.summary(line_length=lineLength)} does.
   *
   * @param modelName {@code model.name}
   * @param rows one row per layer, in {@code model.layers} order
   * @param totals the parameter totals
   * @param sequentialLike Keras' {@code sequential_like} (see {@link #isSequentialLike})
   * @param lineLength the total line length; 0 means the default (as Python's {@code line_length or
   *     65}); the column positions stay the default fractions of it
   * @return the printed text, every line terminated by {@code "\n"}
   * @throws IllegalArgumentException if {@code lineLength} is negative, or so small that Keras'
   *     wrapping loop would never end
   */
  public static String print(
      String modelName, List<Row> rows, Totals totals, boolean sequentialLike, int lineLength) {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(totals, "totals");
    if (lineLength < 0) {
      throw new IllegalArgumentException("negative line length: " + lineLength);
    }
    int length;
    int[] positions;
    List<String> header;
    if (sequentialLike) {
      length = lineLength == 0 ? SEQUENTIAL_LINE_LENGTH : lineLength;
      positions = absolutePositions(length, SEQUENTIAL_POSITIONS);
      header = List.of("Layer (type)", "Output Shape", "Param #");
    } else {
      length = lineLength == 0 ? FUNCTIONAL_LINE_LENGTH : lineLength;
      positions = absolutePositions(length, FUNCTIONAL_POSITIONS);
      header = List.of("Layer (type)", "Output Shape", "Param #", "Connected to");
    }

    List<String> lines = new ArrayList<>();
    lines.add("Model: \"" + modelName + "\"");
    lines.add("_".repeat(length));
    lines.addAll(printRow(header, positions));
    lines.add("=".repeat(length));
    for (Row row : rows) {
      List<String> fields = new ArrayList<>();
      fields.add(row.name() + " (" + row.type() + ")");
      fields.add(row.outputShape());
      fields.add(Long.toString(row.params()));
      if (!sequentialLike) {
        fields.add(pythonListRepr(row.connectedTo()));
      }
      lines.addAll(printRow(fields, positions));
      // print_layer(): not is_nested_last for top-level layers -> a padded blank line.
      lines.add(" ".repeat(length));
    }
    lines.add("=".repeat(length));
    long trainableBytes = totals.trainable() * FLOAT32_BYTES;
    long nonTrainableBytes = totals.nonTrainable() * FLOAT32_BYTES;
    lines.add(
        "Total params: "
            + totals.total()
            + " ("
            + readableMemorySize(trainableBytes + nonTrainableBytes)
            + ")");
    lines.add(
        "Trainable params: "
            + totals.trainable()
            + " ("
            + readableMemorySize(trainableBytes)
            + ")");
    lines.add(
        "Non-trainable params: "
            + totals.nonTrainable()
            + " ("
            + readableMemorySize(nonTrainableBytes)
            + ")");
    lines.add("_".repeat(length));

    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** Python's {@code [int(line_length * p) for p in positions]}. */
  static int[] absolutePositions(int lineLength, double[] fractions) {
    int[] positions = new int[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      // int() truncates toward zero, as does the Java cast; the product is the same IEEE double.
      positions[i] = (int) (lineLength * fractions[i]);
    }
    return positions;
  }

  /**
   * Keras' {@code print_row}: returns the printed lines of one row.
   *
   * @param fields the {@code str()} of each cell
   * @param positions the absolute end position of each column
   */
  static List<String> printRow(List<String> fields, int[] positions) {
    if (fields.size() != positions.length) {
      throw new IllegalArgumentException(
          fields.size() + " fields for " + positions.length + " columns");
    }
    // Each cell is its text and how far it has been printed: cutting the printed head off with
    // substrings would copy a long cell (a layer reused thousands of times) once per line.
    String[] text = fields.toArray(new String[0]);
    int[] at = new int[text.length];
    int last = positions.length - 1;
    List<String> lines = new ArrayList<>();
    while (anyLeft(text, at)) {
      String[] textBefore = text.clone();
      int[] atBefore = at.clone();
      StringBuilder line = new StringBuilder();
      for (int col = 0; col < text.length; col++) {
        int startPos = col > 0 ? positions[col - 1] : 0;
        int endPos = positions[col];
        int space = col != last ? 2 : 0;
        int cutoff = endPos - startPos - space;
        if (col != last) {
          cutoff -= 1;
        }
        if (cutoff < 0) {
          // Python's negative slices count from the end: only tiny line lengths get here.
          text[col] = text[col].substring(at[col]);
          at[col] = 0;
        }
        String fitIntoLine =
            cutoff < 0
                ? pyHead(text[col], cutoff)
                : text[col].substring(at[col], advance(text[col], at[col], cutoff));
        int best = -1;
        for (String cond : LINE_BREAK_CONDITIONS) {
          int found = pyFind(fitIntoLine, cond);
          if (found >= 0) {
            int candidate = found + cond.length();
            best = best < 0 ? candidate : Math.min(best, candidate);
          }
        }
        if (best >= 0) {
          cutoff = best;
          fitIntoLine = pyHead(fitIntoLine, cutoff);
        }
        if (col == 0) {
          line.append(' ');
        }
        line.append(fitIntoLine);
        line.append(" ".repeat(space));
        if (cutoff < 0) {
          text[col] = pyTail(text[col], cutoff);
        } else {
          at[col] = advance(text[col], at[col], cutoff);
        }
        int pad = endPos - pyLen(line);
        if (pad > 0) {
          line.append(" ".repeat(pad));
        }
      }
      if (unchanged(textBefore, atBefore, text, at)) {
        // Python would loop forever here (cut-off <= 0 for a non-empty cell).
        throw new IllegalArgumentException(
            "line too short to print the row "
                + fields
                + " with positions "
                + Arrays.toString(positions));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * Keras' {@code readable_memory_size}: {@code "{:.2f} {}".format(size, unit)}, dividing by 1024
   * while the quotient is at least 1, with units {@code Byte}, {@code KB}, {@code MB}, {@code GB},
   * {@code TB}, {@code PB}.
   *
   * <p>Examples: {@code 0 -> "0.00 Byte"}, {@code 4092 -> "3.996..." -> "4.00 KB"}, {@code 1024 ->
   * "1.00 KB"}, {@code 31580560 -> "30.12 MB"}.
   *
   * @param bytes the weight memory size in bytes
   * @return the readable size
   */
  public static String readableMemorySize(double bytes) {
    final int scale = 1024;
    double size = bytes;
    for (String unit : MEMORY_UNITS) {
      if (size / scale < 1) {
        return formatFixed2(size) + " " + unit;
      }
      size /= scale;
    }
    return formatFixed2(size) + " " + MEMORY_UNITS[MEMORY_UNITS.length - 1];
  }

  /**
   * Python's {@code "{:.2f}".format(x)}: the exact binary value rounded half to even (which is what
   * CPython's correctly rounded formatting amounts to), keeping the sign of negative values that
   * round to zero.
   */
  static String formatFixed2(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    String digits = new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).abs().toPlainString();
    boolean negative = x < 0 || (x == 0.0 && 1 / x < 0);
    return negative ? "-" + digits : digits;
  }

  /** Python's {@code str(list_of_str)}: {@code ['a', 'b']}. */
  static String pythonListRepr(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pythonStrRepr(items.get(i)));
    }
    return sb.append(']').toString();
  }

  /**
   * Python's {@code repr(str)}: single quotes unless the text contains a single quote and no double
   * quote; backslash, the quote, {@code \t}, {@code \n}, {@code \r} and other ASCII control
   * characters escaped. (Non-ASCII characters are kept as they are, as Python does for printable
   * ones.)
   */
  static String pythonStrRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }

  // ---- Python string semantics (indices count code points; negative indices count from the end).

  private static boolean anyLeft(String[] text, int[] at) {
    for (int i = 0; i < text.length; i++) {
      if (at[i] < text[i].length()) {
        return true;
      }
    }
    return false;
  }

  /** Whether no cell's remaining text changed (on the same text a larger offset leaves less). */
  private static boolean unchanged(String[] textBefore, int[] atBefore, String[] text, int[] at) {
    for (int i = 0; i < text.length; i++) {
      boolean same =
          textBefore[i] == text[i]
              ? atBefore[i] == at[i]
              : textBefore[i].substring(atBefore[i]).equals(text[i].substring(at[i]));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** The char index {@code n >= 0} code points after {@code from}, at most the end of {@code s}. */
  private static int advance(String s, int from, int n) {
    int i = from;
    for (int k = 0; k < n && i < s.length(); k++) {
      i += Character.charCount(s.codePointAt(i));
    }
    return i;
  }

  private static int pyLen(CharSequence s) {
    return Character.codePointCount(s, 0, s.length());
  }

  private static int pyIndex(String s, int index) {
    int n = pyLen(s);
    int i = index < 0 ? Math.max(0, n + index) : Math.min(index, n);
    return s.offsetByCodePoints(0, i);
  }

  /** Python's {@code s[:end]}. */
  private static String pyHead(String s, int end) {
    return s.substring(0, pyIndex(s, end));
  }

  /** Python's {@code s[start:]}. */
  private static String pyTail(String s, int start) {
    return s.substring(pyIndex(s, start));
  }

  /** Python's {@code s.find(sub)}, in code points. */
  private static int pyFind(String s, String sub) {
    int at = s.indexOf(sub);
    return at < 0 ? -1 : s.codePointCount(0, at);
  }
}
