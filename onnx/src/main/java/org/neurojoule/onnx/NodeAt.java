package org.neurojoule.onnx;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.neurojoule.OnnxImportException;
import org.neurojoule.layer.Padding;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;

/** One node being imported: its attributes, read with checks, and errors that name it. */
final class NodeAt {
  final String label;
  final NodeProto node;
  final String name;

  /** Layer names in use: every node's and graph input's, and each derived one once given. */
  private final Set<String> taken;

  NodeAt(String label, NodeProto node, String name) {
    this(label, node, name, new HashSet<>(Set.of(name)));
  }

  NodeAt(String label, NodeProto node, String name, Set<String> taken) {
    this.label = label;
    this.node = node;
    this.name = name;
    this.taken = taken;
  }

  /**
   * {@return the name of an extra layer of this node: its name and {@code suffix}, with {@code _1},
   * {@code _2}, ... after it where a node, a graph input or an earlier extra layer has that name}
   */
  String derived(String suffix) {
    String base = name + suffix;
    String n = base;
    for (int k = 1; taken.contains(n); k++) {
      n = base + "_" + k;
    }
    taken.add(n);
    return n;
  }

  String op() {
    return node.getOpType();
  }

  OnnxImportException error(String what) {
    return new OnnxImportException(label + ": node '" + name + "' (" + op() + "): " + what);
  }

  private AttributeProto attribute(String key) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(key)) {
        return a;
      }
    }
    return null;
  }

  boolean has(String key) {
    return attribute(key) != null;
  }

  long integer(String key, long fallback) {
    AttributeProto a = attribute(key);
    return a == null ? fallback : a.getI();
  }

  int small(String key, int fallback) {
    long v = integer(key, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw error("attribute '" + key + "' is " + v + ", out of range");
    }
    return (int) v;
  }

  double real(String key, double fallback) {
    AttributeProto a = attribute(key);
    return a == null ? fallback : a.getF();
  }

  String text(String key, String fallback) {
    AttributeProto a = attribute(key);
    return a == null ? fallback : a.getS().toStringUtf8();
  }

  /** A list of integers, or null if absent. */
  long[] integers(String key) {
    AttributeProto a = attribute(key);
    return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
  }

  /** Sizes per spatial axis, each at least {@code least}; {@code fallback} where absent. */
  int[] perAxis(String key, int rank, int least, int fallback) {
    long[] v = integers(key);
    int[] out = new int[rank];
    if (v == null) {
      java.util.Arrays.fill(out, fallback);
      return out;
    }
    if (v.length != rank) {
      throw error("attribute '" + key + "' has " + v.length + " values, needs " + rank);
    }
    for (int i = 0; i < rank; i++) {
      if (v[i] < least || v[i] > Integer.MAX_VALUE) {
        throw error(
            "attribute '"
                + key
                + "' "
                + java.util.Arrays.toString(v)
                + " must hold"
                + " sizes >= "
                + least);
      }
      out[i] = (int) v[i];
    }
    return out;
  }

  /**
   * {@return {@code v}, a size from the file, as an int}
   *
   * @throws OnnxImportException naming {@code what} and the value where it is negative or past an
   *     int
   */
  int size(long v, String what) {
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw error(what + " is " + v + ", not a size (0 to " + Integer.MAX_VALUE + ")");
    }
    return (int) v;
  }

  List<String> inputs() {
    return node.getInputList();
  }

  /** Runs a layer method; a spec's refusal becomes an error naming this node. */
  <T> T guard(Supplier<T> step) {
    try {
      return step.get();
    } catch (OnnxImportException e) {
      throw e;
    } catch (IllegalArgumentException | ArithmeticException | IllegalStateException e) {
      throw error(e.getMessage());
    }
  }

  /** {@return the zero-padding or VALID mode of a convolution or pool ({@code auto_pad})} */
  Padding padding() {
    String auto = text("auto_pad", "NOTSET");
    return switch (auto) {
      case "NOTSET", "VALID" -> Padding.VALID;
      case "SAME_UPPER" -> Padding.SAME;
      default ->
          throw error(
              "auto_pad " + auto + " is not supported (NOTSET, VALID and" + " SAME_UPPER are)");
    };
  }
}
