package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;

/**
 * Written-out layers of a PyTorch export, found by their structure and constants and replaced by
 * the one ONNX node they compute, before the import: LayerNorm ({@code ReduceMean, Sub, Pow 2,
 * ReduceMean, Add eps, Sqrt, Div, Mul gamma, Add beta} becomes {@code LayerNormalization}) and GELU
 * ({@code Div √2, Erf, Add 1, Mul x, Mul 0.5} becomes {@code Gelu}), and Softsign ({@code x / (1 +
 * |x|)}: {@code Abs, Add 1, Div} becomes {@code Softsign}). Each intermediate value must feed the
 * pattern only; where a started LayerNorm or GELU breaks, {@link #broken} says at which node.
 *
 * <p>A pass before the {@link Operator}s rather than one of them: a pattern spans several nodes,
 * and what it yields is one node of an ordinary registered operator, so each descriptor still maps
 * one node and the patterns are graph rewrites only.
 */
final class Patterns {
  private static final double SQRT2 = Math.sqrt(2);

  private final String label;
  private final Map<String, Object> values;
  private final TensorData data;
  private final Map<String, NodeAt> producer = new HashMap<>();
  private final Map<String, List<NodeAt>> consumers = new HashMap<>();
  private final Map<String, String> broken = new java.util.LinkedHashMap<>();

  Patterns(String label, List<NodeAt> nodes, Map<String, Object> values, TensorData data) {
    this.label = label;
    this.values = values;
    this.data = data;
    for (NodeAt at : nodes) {
      for (String o : at.node.getOutputList()) {
        producer.put(o, at);
      }
      for (String i : at.inputs()) {
        consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(at);
      }
    }
  }

  /** {@return why a pattern that starts at this node (its name) breaks, or null} */
  String broken(String node) {
    return broken.get(node);
  }

  /** {@return the nodes with each complete pattern replaced by its one node} */
  List<NodeAt> fold(List<NodeAt> nodes) {
    Set<String> names = new HashSet<>();
    nodes.forEach(n -> names.add(n.name));
    Set<NodeAt> replaced = new HashSet<>();
    Map<NodeAt, NodeAt> at = new HashMap<>();
    for (NodeAt n : nodes) {
      Match m =
          switch (n.op()) {
            case "ReduceMean" -> layerNorm(n);
            case "Erf" -> gelu(n);
            case "Abs" -> softsign(n);
            default -> null;
          };
      if (m == null || m.nodes.stream().anyMatch(replaced::contains)) {
        continue;
      }
      replaced.addAll(m.nodes);
      String name = nameOf(m.nodes, names);
      names.add(name);
      NodeProto.Builder b =
          NodeProto.newBuilder()
              .setOpType(m.op)
              .setName(name)
              .addAllInput(m.inputs)
              .addOutput(m.output);
      m.attributes.forEach(b::addAttribute);
      NodeAt last = m.nodes.get(m.nodes.size() - 1);
      at.put(last, new NodeAt(label, b.build(), name));
    }
    List<NodeAt> out = new ArrayList<>();
    for (NodeAt n : nodes) {
      if (at.containsKey(n)) {
        out.add(at.get(n));
      } else if (!replaced.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  private record Match(
      String op,
      List<String> inputs,
      String output,
      List<NodeAt> nodes,
      List<AttributeProto> attributes) {}

  /** {@code /encoder/layers/encoder_layer_0/ln_1}: the nodes' common path, else the last's name. */
  private static String nameOf(List<NodeAt> nodes, Set<String> taken) {
    String prefix = nodes.get(0).name;
    for (NodeAt n : nodes) {
      int k = 0;
      while (k < prefix.length() && k < n.name.length() && prefix.charAt(k) == n.name.charAt(k)) {
        k++;
      }
      prefix = prefix.substring(0, k);
    }
    int slash = prefix.lastIndexOf('/');
    String path = slash > 0 ? prefix.substring(0, slash) : "";
    return path.isEmpty() || taken.contains(path) ? nodes.get(nodes.size() - 1).name : path;
  }

  /** The only consumer of {@code value}, if it is an {@code op} node; else the break noted. */
  private NodeAt next(NodeAt start, String what, String value, String op) {
    List<NodeAt> c = consumers.getOrDefault(value, List.of());
    if (c.size() != 1 || !c.get(0).op().equals(op)) {
      broken.putIfAbsent(
          start.name,
          what
              + ": the output of '"
              + producer.get(value).name
              + "' should feed one "
              + op
              + " node only, but feeds "
              + describe(c));
      return null;
    }
    return c.get(0);
  }

  private static String describe(List<NodeAt> nodes) {
    List<String> s = new ArrayList<>();
    nodes.forEach(n -> s.add("'" + n.name + "' (" + n.op() + ")"));
    return s.isEmpty() ? "nothing" : String.join(", ", s);
  }

  /** The other input of a two-input node, given one. */
  private static String other(NodeAt n, String one) {
    List<String> in = n.inputs();
    if (in.size() != 2) {
      return null;
    }
    return in.get(0).equals(one) ? in.get(1) : in.get(1).equals(one) ? in.get(0) : null;
  }

  /** The scalar a value holds: an initializer, a Constant node's, through Identity nodes. */
  private Double scalar(String name) {
    Const c = stored(name);
    return c != null && !c.declaredOnly() && c.count() == 1 ? c.values()[0] : null;
  }

  /** A constant value the graph stores (initializer, weight input, Constant), or null. */
  private Const stored(String name) {
    return stored(name, 0);
  }

  /** Through at most 64 Identity nodes: a cycle of them is GraphOrder's error, not a loop here. */
  private Const stored(String name, int depth) {
    if (values.get(name) instanceof Const c) {
      return c;
    }
    NodeAt p = producer.get(name);
    if (p == null || depth > 64) {
      return null;
    }
    if (p.op().equals("Identity")) {
      return p.inputs().isEmpty() ? null : stored(p.inputs().get(0), depth + 1);
    }
    if (p.op().equals("Constant")
        && p.node.getAttributeCount() == 1
        && p.node.getAttribute(0).getName().equals("value")) {
      return data.read(p.node.getAttribute(0).getT(), "node '" + p.name + "''s value");
    }
    return null;
  }

  private static boolean near(Double v, double want) {
    return v != null && Math.abs(v - want) <= 1e-6 * Math.max(1, Math.abs(want));
  }

  private Match layerNorm(NodeAt mean) {
    String what = "LayerNorm's written-out pattern from '" + mean.name + "'";
    String x = mean.inputs().get(0);
    long[] axes = mean.integers("axes");
    if (axes == null || axes.length != 1 || axes[0] != -1 || mean.integer("keepdims", 1) != 1) {
      return null;
    }
    NodeAt sub = null;
    for (NodeAt c : consumers.getOrDefault(mean.node.getOutput(0), List.of())) {
      if (c.op().equals("Sub") && c.inputs().size() == 2 && c.inputs().get(0).equals(x)) {
        sub = c;
      }
    }
    if (sub == null) {
      return null; // a ReduceMean of its own (a global pool)
    }
    String d = sub.node.getOutput(0);
    List<NodeAt> uses = consumers.getOrDefault(d, List.of());
    NodeAt pow = uses.stream().filter(u -> u.op().equals("Pow")).findFirst().orElse(null);
    NodeAt div = uses.stream().filter(u -> u.op().equals("Div")).findFirst().orElse(null);
    if (consumers.get(mean.node.getOutput(0)).size() != 1
        || uses.size() != 2
        || pow == null
        || div == null) {
      broken.putIfAbsent(
          mean.name,
          what
              + ": the difference '"
              + sub.name
              + "' should feed"
              + " one Pow and one Div, but feeds "
              + describe(uses));
      return null;
    }
    if (!pow.inputs().get(0).equals(d) || !near(scalar(other(pow, d)), 2)) {
      broken.putIfAbsent(
          mean.name, what + ": '" + pow.name + "' should square the" + " difference (exponent 2)");
      return null;
    }
    NodeAt mean2 = next(mean, what, pow.node.getOutput(0), "ReduceMean");
    if (mean2 == null) {
      return null;
    }
    if (!java.util.Arrays.equals(mean2.integers("axes"), axes)) {
      broken.putIfAbsent(
          mean.name, what + ": '" + mean2.name + "' should average over the" + " same axis -1");
      return null;
    }
    NodeAt addEps = next(mean, what, mean2.node.getOutput(0), "Add");
    if (addEps == null) {
      return null;
    }
    Double eps = scalar(other(addEps, mean2.node.getOutput(0)));
    if (eps == null || !(eps > 0)) {
      broken.putIfAbsent(
          mean.name, what + ": '" + addEps.name + "' should add a positive" + " scalar epsilon");
      return null;
    }
    NodeAt sqrt = next(mean, what, addEps.node.getOutput(0), "Sqrt");
    if (sqrt == null) {
      return null;
    }
    NodeAt divBy = next(mean, what, sqrt.node.getOutput(0), "Div");
    if (divBy != div || !div.inputs().get(0).equals(d)) {
      broken.putIfAbsent(
          mean.name,
          what
              + ": '"
              + div.name
              + "' should divide the difference"
              + " by the square root '"
              + sqrt.name
              + "'");
      return null;
    }
    List<NodeAt> nodes = new ArrayList<>(List.of(mean, sub, pow, mean2, addEps, sqrt, div));
    String out = div.node.getOutput(0);
    List<String> inputs = new ArrayList<>(List.of(x));
    List<NodeAt> mul = consumers.getOrDefault(out, List.of());
    String gamma = mul.size() == 1 && mul.get(0).op().equals("Mul") ? other(mul.get(0), out) : null;
    if (gamma != null && stored(gamma) != null) {
      nodes.add(mul.get(0));
      out = mul.get(0).node.getOutput(0);
      inputs.add(gamma);
      List<NodeAt> add = consumers.getOrDefault(out, List.of());
      String beta =
          add.size() == 1 && add.get(0).op().equals("Add") ? other(add.get(0), out) : null;
      if (beta != null && stored(beta) != null) {
        nodes.add(add.get(0));
        out = add.get(0).node.getOutput(0);
        inputs.add(beta);
      }
    } else {
      broken.putIfAbsent(
          mean.name,
          what
              + ": no scale (a Mul by a stored tensor) follows '"
              + div.name
              + "'; a LayerNormalization without gamma is not supported");
      return null;
    }
    List<AttributeProto> attrs =
        List.of(
            AttributeProto.newBuilder()
                .setName("axis")
                .setType(AttributeProto.AttributeType.INT)
                .setI(-1)
                .build(),
            AttributeProto.newBuilder()
                .setName("epsilon")
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(eps.floatValue())
                .build());
    return new Match("LayerNormalization", inputs, out, nodes, attrs);
  }

  private Match gelu(NodeAt erf) {
    String what = "GELU's written-out pattern around '" + erf.name + "'";
    if (erf.inputs().isEmpty()) {
      return null;
    }
    NodeAt div = producer.get(erf.inputs().get(0));
    if (div == null
        || !div.op().equals("Div")
        || div.inputs().size() != 2
        || !near(scalar(div.inputs().get(1)), SQRT2)) {
      broken.putIfAbsent(erf.name, what + ": its input should be x divided by sqrt(2)");
      return null;
    }
    String x = div.inputs().get(0);
    if (consumers.get(div.node.getOutput(0)).size() != 1) {
      broken.putIfAbsent(
          erf.name, what + ": x / sqrt(2) '" + div.name + "' should feed the Erf" + " only");
      return null;
    }
    NodeAt add = next(erf, what, erf.node.getOutput(0), "Add");
    if (add == null) {
      return null;
    }
    if (!near(scalar(other(add, erf.node.getOutput(0))), 1)) {
      broken.putIfAbsent(erf.name, what + ": '" + add.name + "' should add 1");
      return null;
    }
    NodeAt mul = next(erf, what, add.node.getOutput(0), "Mul");
    if (mul == null) {
      return null;
    }
    if (!x.equals(other(mul, add.node.getOutput(0)))) {
      broken.putIfAbsent(
          erf.name,
          what + ": '" + mul.name + "' should multiply by x, the" + " input of '" + div.name + "'");
      return null;
    }
    NodeAt half = next(erf, what, mul.node.getOutput(0), "Mul");
    if (half == null) {
      return null;
    }
    if (!near(scalar(other(half, mul.node.getOutput(0))), 0.5)) {
      broken.putIfAbsent(erf.name, what + ": '" + half.name + "' should multiply by 0.5");
      return null;
    }
    return new Match(
        "Gelu", List.of(x), half.node.getOutput(0), List.of(div, erf, add, mul, half), List.of());
  }

  /**
   * PyTorch's Softsign, exported as {@code x / (1 + |x|)}. An Abs has uses of its own, so a chain
   * that is not this pattern is no break: it imports node by node.
   */
  private Match softsign(NodeAt abs) {
    if (abs.inputs().size() != 1 || abs.node.getOutputCount() != 1) {
      return null;
    }
    String x = abs.inputs().get(0);
    NodeAt add = only(abs.node.getOutput(0), "Add");
    if (add == null
        || values.get(x) instanceof Const
        || !near(scalar(other(add, abs.node.getOutput(0))), 1)) {
      return null;
    }
    NodeAt div = only(add.node.getOutput(0), "Div");
    if (div == null
        || !div.inputs().equals(List.of(x, add.node.getOutput(0)))
        || div.node.getOutputCount() != 1) {
      return null;
    }
    return new Match(
        "Softsign", List.of(x), div.node.getOutput(0), List.of(abs, add, div), List.of());
  }

  /** The only consumer of {@code value} if it is an {@code op} node, else null. */
  private NodeAt only(String value, String op) {
    List<NodeAt> c = consumers.getOrDefault(value, List.of());
    return c.size() == 1 && c.get(0).op().equals(op) ? c.get(0) : null;
  }

  /** The names of the nodes where a pattern started and broke, in no order. */
  Set<String> brokenNodes() {
    return new LinkedHashSet<>(broken.keySet());
  }
}
