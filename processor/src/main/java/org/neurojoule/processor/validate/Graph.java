package org.neurojoule.processor.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connections between a network's layers, by position, and the numbering the runtime's
 * statistics use in their messages: a layer's index in the model's Keras order (deepest first; ties
 * in the order a depth-first walk from the outputs reaches them). Shape and value errors number a
 * layer by its field's position instead (see {@link NetworkValidator}).
 */
final class Graph {
  private final List<List<Integer>> inputs;

  /**
   * @param inputs for each layer, the positions of the layers it reads
   */
  Graph(List<List<Integer>> inputs) {
    this.inputs = inputs;
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

  /**
   * Keras' depth-first walk from {@code root}, inputs in order, with an explicit stack so that no
   * number of fields can overflow the compiler's stack: a layer is reached before its inputs are
   * walked and finished (listed) after them.
   */
  private void visit(
      int root, Map<Integer, Integer> firstReached, BitSet finished, List<Integer> postOrder) {
    if (finished.get(root)) {
      return;
    }
    Deque<int[]> stack = new ArrayDeque<>();
    firstReached.putIfAbsent(root, firstReached.size());
    stack.push(new int[] {root, 0});
    while (!stack.isEmpty()) {
      int[] frame = stack.peek();
      List<Integer> in = inputs.get(frame[0]);
      if (frame[1] < in.size()) {
        int next = in.get(frame[1]++);
        if (!finished.get(next)) {
          firstReached.putIfAbsent(next, firstReached.size());
          stack.push(new int[] {next, 0});
        }
      } else {
        stack.pop();
        finished.set(frame[0]);
        postOrder.add(frame[0]);
      }
    }
  }
}
