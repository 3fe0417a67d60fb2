package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurojoule.layer.ParamCount;

/**
 * Which stored tensors the layers use as weights, and how often: the same tensor object through
 * Identity nodes counts once in the file but in each layer's row. Which inputs are weights each
 * {@link Operator} says.
 */
final class WeightUses {
  private final OperatorRegistry registry;
  private final Map<Const, Integer> uses = new IdentityHashMap<>();
  private final Map<Const, Boolean> trainable = new IdentityHashMap<>();

  WeightUses(OperatorRegistry registry) {
    this.registry = registry;
  }

  /** Counts the weights among the inputs of a node that {@code op} maps onto a layer. */
  void count(Operator op, List<Object> ins) {
    boolean operands = op.storedOperands();
    for (int i = 0; i < ins.size(); i++) {
      if ((op.weightAt(i) || operands)
          && ins.get(i) instanceof Const c
          && (!operands || c.count() > 1)) {
        uses.merge(c, 1, Integer::sum);
        trainable.put(c, op.trainedAt(i));
      }
    }
  }

  /** {@return the values of weight tensors that more than one layer uses, beyond their first} */
  ParamCount shared() {
    long t = 0;
    long n = 0;
    for (Map.Entry<Const, Integer> e : uses.entrySet()) {
      long extra = Math.multiplyExact(e.getKey().count(), e.getValue() - 1);
      if (trainable.get(e.getKey())) {
        t = Math.addExact(t, extra);
      } else {
        n = Math.addExact(n, extra);
      }
    }
    return new ParamCount(t, n);
  }

  /** {@return the values used as weights, followed back through Identity nodes} */
  Set<String> weightNames(List<NodeAt> nodes) {
    Set<String> w = new HashSet<>();
    for (NodeAt at : nodes) {
      Operator op = registry.find(at.op()).orElse(null);
      for (int i = 0; op != null && i < at.inputs().size(); i++) {
        if (op.weightAt(i)) {
          w.add(at.inputs().get(i));
        }
      }
    }
    boolean grew = true;
    while (grew) {
      grew = false;
      for (NodeAt at : nodes) {
        if (at.op().equals("Identity")
            && !at.inputs().isEmpty()
            && w.contains(at.node.getOutput(0))) {
          grew |= w.add(at.inputs().get(0));
        }
      }
    }
    return w;
  }

  /**
   * {@return the values used only as stored operands (of Add, Sub, Concat or Expand, through
   * Identity nodes)} Where an input is, it is a stored tensor joined to activations.
   */
  Set<String> storedOperands(List<NodeAt> nodes) {
    Map<String, List<NodeAt>> consumers = new HashMap<>();
    for (NodeAt at : nodes) {
      for (String i : at.inputs()) {
        consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(at);
      }
    }
    Set<String> out = new HashSet<>();
    for (String v : consumers.keySet()) {
      if (onlyOperand(v, consumers, 0)) {
        out.add(v);
      }
    }
    return out;
  }

  private boolean onlyOperand(String v, Map<String, List<NodeAt>> consumers, int depth) {
    List<NodeAt> u = consumers.getOrDefault(v, List.of());
    if (u.isEmpty() || depth > 8) {
      return false;
    }
    for (NodeAt at : u) {
      boolean ok =
          at.op().equals("Identity")
              ? onlyOperand(at.node.getOutput(0), consumers, depth + 1)
              : registry.find(at.op()).map(Operator::storedOperands).orElse(false);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
