package org.neurojoule.processor.validate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connections between a network's layers, by position, and the two layer numberings the
 * runtime uses in its messages, so that compile-time messages name layers identically:
 *
 * <ul>
 *   <li>{@link #upstreamCount}: while a model is built, a layer is numbered by the layers upstream
 *       of it (a {@code TimeDistributed} counts its wrapped layer too). In a chain that is the
 *       field's position, the input being 0.
 *   <li>{@link #kerasOrder}: statistics name a layer by its index in the model's Keras order
 *       (deepest first; ties in the order a depth-first walk from the outputs reaches them).
 * </ul>
 */
final class Graph {
  private final List<List<Integer>> inputs;
  private final BitSet wrappers;

  /**
   * @param inputs for each layer, the positions of the layers it reads
   * @param wrappers the positions of the {@code TimeDistributed} layers
   */
  Graph(List<List<Integer>> inputs, BitSet wrappers) {
    this.inputs = inputs;
    this.wrappers = wrappers;
  }

  /** The layers no later layer reads, in order: the model's outputs. */
  List<Integer> outputs() {
    BitSet read = new BitSet();
    inputs.forEach(in -> in.forEach(read::set));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (!read.get(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /** The number of layer objects upstream of {@code layer}, as the runtime counts them. */
  int upstreamCount(int layer) {
    BitSet seen = new BitSet();
    List<Integer> todo = new ArrayList<>(inputs.get(layer));
    while (!todo.isEmpty()) {
      int next = todo.remove(todo.size() - 1);
      if (!seen.get(next)) {
        seen.set(next);
        todo.addAll(inputs.get(next));
      }
    }
    BitSet wrapped = (BitSet) seen.clone();
    wrapped.and(wrappers);
    return seen.cardinality() + wrapped.cardinality();
  }

  /** For each layer, its index in Keras' order of the model's layers. */
  int[] kerasOrder() {
    Map<Integer, Integer> firstReached = new HashMap<>();
    BitSet finished = new BitSet();
    List<Integer> postOrder = new ArrayList<>();
    for (int out : outputs()) {
      visit(out, firstReached, finished, postOrder);
    }
    int[] depth = new int[inputs.size()];
    for (int i = postOrder.size() - 1; i >= 0; i--) {
      int node = postOrder.get(i);
      for (int parent : inputs.get(node)) {
        depth[parent] = Math.max(depth[parent], depth[node] + 1);
      }
    }
    List<Integer> order = new ArrayList<>(postOrder);
    order.sort(Comparator.<Integer>comparingInt(l -> -depth[l]).thenComparing(firstReached::get));
    int[] index = new int[inputs.size()];
    for (int i = 0; i < order.size(); i++) {
      index[order.get(i)] = i;
    }
    return index;
  }

  private void visit(
      int node, Map<Integer, Integer> firstReached, BitSet finished, List<Integer> postOrder) {
    if (finished.get(node)) {
      return;
    }
    firstReached.putIfAbsent(node, firstReached.size());
    for (int in : inputs.get(node)) {
      visit(in, firstReached, finished, postOrder);
    }
    finished.set(node);
    postOrder.add(node);
  }
}
