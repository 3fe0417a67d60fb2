package org.neurojoule.engine;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.Layer;
import org.neurojoule.Tensor;
import org.neurojoule.layer.LayerSpec;

/** One layer application in the compiled forward pass: the tensor it produces and how. */
final class Node {
  final int id;
  final Tensor tensor;
  final Layer layer;

  /** The layer's name and position in the model, for errors. */
  final String name;

  final int index;
  final LayerSpec spec;
  final Node[] inputs;
  final List<Node> consumers = new ArrayList<>();

  /** The concrete shape of one example's output. */
  int[] shape;

  /** Values per example. */
  long size;

  Op op;

  /** The node whose kernel computes this one as a fused stage, or null. */
  Node fusedInto;

  /** For a host: the nodes fused after it, in order. */
  final List<Node> chain = new ArrayList<>();

  /** The output values (batch first), or null while fused away. */
  float[] buffer;

  /** Σ|output| and element count over the whole run. */
  double absSum;

  long count;

  /** Output values that are exactly zero (-0.0 too) over the whole run. */
  long zeros;

  /** {@link #absSum} before the current batch. */
  double batchStart;

  /** {@link #zeros} before the current batch. */
  long batchZeros;

  /** Time spent in this node's kernel, with profiling on. */
  long nanos;

  Node(int id, Tensor tensor, Layer layer, Node[] inputs, String name, int index) {
    this.id = id;
    this.name = name;
    this.index = index;
    this.tensor = tensor;
    this.layer = layer;
    this.spec = layer.spec();
    this.inputs = inputs;
  }

  /** The last node of this node's fused chain: whose buffer receives the kernel's output. */
  Node last() {
    return chain.isEmpty() ? this : chain.get(chain.size() - 1);
  }
}
