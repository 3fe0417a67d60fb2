package org.neurojoule.nir;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.neurojoule.ImportException;
import org.neurojoule.NirImportException;

/** One node being imported: its parameters, read with checks, and errors that name it. */
final class NodeContext {
  private final String label;
  private final String name;
  private final NirGraph.Node node;

  /** The parameters a node mapping declares it reads; null for any parameter. */
  private final Set<String> declared;

  NodeContext(String label, String name, NirGraph.Node node) {
    this.label = label;
    this.name = name;
    this.node = node;
    this.declared = null;
    for (Map.Entry<String, NirArray> p : node.params().entrySet()) {
      double[] v = p.getValue().values();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isFinite(v[i])) {
          throw error(
              "parameter '"
                  + p.getKey()
                  + "' "
                  + p.getValue()
                  + " holds "
                  + v[i]
                  + " at index "
                  + i
                  + "; every value must be finite");
        }
      }
    }
  }

  private NodeContext(NodeContext all, Set<String> declared) {
    this.label = all.label;
    this.name = all.name;
    this.node = all.node;
    this.declared = declared;
  }

  /**
   * {@return this node for a mapping that declares it reads {@code parameters}: reading another
   * fails an assertion, so tests catch a descriptor that lists too few}
   */
  NodeContext reading(Collection<String> parameters) {
    return new NodeContext(this, Set.copyOf(parameters));
  }

  String name() {
    return name;
  }

  String type() {
    return node.type();
  }

  NirImportException error(String what) {
    return new NirImportException(
        ImportException.message(label, ImportException.element("node", name, node.type()), what));
  }

  NirArray param(String key) {
    return optional(key).orElseThrow(() -> error("missing parameter '" + key + "'"));
  }

  Optional<NirArray> optional(String key) {
    assert declared == null || declared.contains(key)
        : name + " (" + node.type() + "): reads undeclared parameter '" + key + "'";
    return Optional.ofNullable(node.params().get(key));
  }

  /** A numeric parameter (not a string). */
  NirArray numbers(String key) {
    NirArray a = param(key);
    if (a.text() != null) {
      throw error("parameter '" + key + "' must hold numbers, holds " + a);
    }
    return a;
  }

  /** A parameter of sizes, each a whole number > 0: a shape. */
  int[] dims(String key) {
    int[] d = whole(key, 1);
    if (d.length == 0) {
      throw error("parameter '" + key + "' must hold sizes, holds none");
    }
    return d;
  }

  /** Whole numbers >= {@code least}. */
  int[] whole(String key, int least) {
    double[] v = numbers(key).values();
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i]) || v[i] < least || v[i] > Integer.MAX_VALUE) {
        throw error(
            "parameter '" + key + "' must hold whole numbers >= " + least + ", has " + v[i]);
      }
      out[i] = (int) v[i];
    }
    return out;
  }

  /** One value for every axis or one per axis, as {@code rank} values. */
  int[] perAxis(String key, int rank, int least, int fallback) {
    if (optional(key).isEmpty()) {
      int[] f = new int[rank];
      java.util.Arrays.fill(f, fallback);
      return f;
    }
    int[] v = whole(key, least);
    if (v.length == 1) {
      int[] f = new int[rank];
      java.util.Arrays.fill(f, v[0]);
      return f;
    }
    if (v.length != rank) {
      throw error("parameter '" + key + "' takes 1 or " + rank + " values, has " + v.length);
    }
    return v;
  }

  /** Runs a layer method; a spec's refusal becomes an error naming this node. */
  <T> T guard(Supplier<T> step) {
    try {
      return step.get();
    } catch (NirImportException e) {
      throw e;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new NirImportException(
          ImportException.message(
              label, ImportException.element("node", name, node.type()), e.getMessage()),
          e);
    }
  }

  /** An Output's declared shape must hold as many values as its input gives. */
  void checkOutput(NirImporter.Out in, String from) {
    int[] shape = dims("shape");
    if (Layout.count(shape) != Layout.count(in.nirShape())) {
      throw error(
          "shape "
              + Layout.text(shape)
              + " does not match its input '"
              + from
              + "', which gives "
              + Layout.text(in.nirShape()));
    }
  }
}
