package org.neurojoule;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorShapeProto;
import org.neurojoule.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Edits of an ONNX file through its protobuf classes, for {@link ImporterFuzzTest}: dims of
 * initializers and graph values, attributes, a node's inputs (removed, added, swapped, a cycle),
 * its operator swapped for another, nodes dropped or repeated, data types, and folds that would
 * grow a few bytes into gigabytes (ConstantOfShape, Expand).
 */
final class OnnxMutations {
  private OnnxMutations() {}

  private static final long[] SIZES = {
    0, 1, 2, -1, -2, 3, 65536, Integer.MAX_VALUE, 1L << 31, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE
  };

  private static final String[] OPERATORS = {
    "Conv",
    "ConvTranspose",
    "Gemm",
    "MatMul",
    "BatchNormalization",
    "LayerNormalization",
    "LSTM",
    "GRU",
    "Relu",
    "Clip",
    "PRelu",
    "Softmax",
    "MaxPool",
    "AveragePool",
    "GlobalAveragePool",
    "ReduceMean",
    "Pad",
    "Resize",
    "Add",
    "Sub",
    "Mul",
    "Div",
    "Concat",
    "Reshape",
    "Flatten",
    "Squeeze",
    "Unsqueeze",
    "Transpose",
    "Shape",
    "Split",
    "Slice",
    "Gather",
    "Constant",
    "Identity",
    "Cast",
    "ConstantOfShape",
    "Equal",
    "Where",
    "Expand",
    "Erf",
    "Tile",
    "Range"
  };

  private static final String[] ATTRIBUTES = {
    "pads", "strides", "dilations", "kernel_shape", "axis", "axes", "perm", "group", "split",
    "transB", "alpha", "epsilon", "to", "value", "hidden_size", "direction", "mode", "auto_pad"
  };

  /** {@return the file with one structural edit, or null where it does not parse} */
  static byte[] mutate(byte[] bytes, Random r, List<String> recipe) {
    ModelProto m;
    try {
      m = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
    GraphProto.Builder g = m.getGraph().toBuilder();
    switch (r.nextInt(9)) {
      case 0 -> initializerDims(g, r, recipe);
      case 1 -> valueDims(g, r, recipe);
      case 2 -> attribute(g, r, recipe);
      case 3 -> inputs(g, r, recipe);
      case 4 -> cycle(g, r, recipe);
      case 5 -> operator(g, r, recipe);
      case 6 -> nodes(g, r, recipe);
      case 7 -> dataType(g, r, recipe);
      default -> hugeFold(g, r, recipe);
    }
    return m.toBuilder().setGraph(g).build().toByteArray();
  }

  private static long size(Random r) {
    return SIZES[r.nextInt(SIZES.length)];
  }

  private static void initializerDims(GraphProto.Builder g, Random r, List<String> recipe) {
    if (g.getInitializerCount() == 0) {
      valueDims(g, r, recipe);
      return;
    }
    int i = r.nextInt(g.getInitializerCount());
    TensorProto.Builder t = g.getInitializerBuilder(i);
    long s = size(r);
    if (t.getDimsCount() == 0 || r.nextInt(4) == 0) {
      t.addDims(s);
      recipe.add("onnx: initializer '" + t.getName() + "' gains dim " + s);
    } else {
      int d = r.nextInt(t.getDimsCount());
      t.setDims(d, s);
      recipe.add("onnx: initializer '" + t.getName() + "' dim " + d + " -> " + s);
    }
    if (r.nextBoolean() && t.hasRawData()) {
      t.setRawData(ByteString.copyFrom(new byte[Math.min(64, t.getRawData().size())]));
      recipe.add("onnx: and its raw data cut to 64 bytes");
    }
  }

  private static void valueDims(GraphProto.Builder g, Random r, List<String> recipe) {
    List<ValueInfoProto.Builder> values = new ArrayList<>();
    values.addAll(g.getInputBuilderList());
    values.addAll(g.getOutputBuilderList());
    values.addAll(g.getValueInfoBuilderList());
    if (values.isEmpty()) {
      return;
    }
    ValueInfoProto.Builder v = values.get(r.nextInt(values.size()));
    TensorShapeProto.Builder s = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
    long size = size(r);
    if (s.getDimCount() == 0 || r.nextInt(5) == 0) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size));
      recipe.add("onnx: value '" + v.getName() + "' gains dim " + size);
    } else if (r.nextInt(5) == 0) {
      int d = r.nextInt(s.getDimCount());
      s.setDim(d, TensorShapeProto.Dimension.newBuilder().setDimParam("n"));
      recipe.add("onnx: value '" + v.getName() + "' dim " + d + " symbolic");
    } else {
      int d = r.nextInt(s.getDimCount());
      s.setDim(d, TensorShapeProto.Dimension.newBuilder().setDimValue(size));
      recipe.add("onnx: value '" + v.getName() + "' dim " + d + " -> " + size);
    }
  }

  private static NodeProto.Builder someNode(GraphProto.Builder g, Random r) {
    return g.getNodeCount() == 0 ? null : g.getNodeBuilder(r.nextInt(g.getNodeCount()));
  }

  private static void attribute(GraphProto.Builder g, Random r, List<String> recipe) {
    NodeProto.Builder n = someNode(g, r);
    if (n == null) {
      return;
    }
    if (n.getAttributeCount() > 0 && r.nextInt(3) != 0) {
      int i = r.nextInt(n.getAttributeCount());
      AttributeProto.Builder a = n.getAttributeBuilder(i);
      if (r.nextInt(4) == 0) {
        n.removeAttribute(i);
        recipe.add("onnx: node '" + n.getName() + "' loses attribute '" + a.getName() + "'");
      } else if (a.getIntsCount() > 0) {
        int k = r.nextInt(a.getIntsCount());
        long s = size(r);
        a.setInts(k, s);
        recipe.add("onnx: node '" + n.getName() + "' " + a.getName() + "[" + k + "] -> " + s);
      } else if (a.hasT()) {
        TensorProto.Builder t = a.getTBuilder();
        long s = size(r);
        if (t.getDimsCount() > 0) {
          t.setDims(r.nextInt(t.getDimsCount()), s);
        } else {
          t.addDims(s);
        }
        recipe.add("onnx: node '" + n.getName() + "' tensor " + a.getName() + " dim -> " + s);
      } else {
        long s = size(r);
        a.setI(s).setF(r.nextBoolean() ? Float.NaN : (float) s);
        recipe.add("onnx: node '" + n.getName() + "' " + a.getName() + " -> " + s);
      }
      return;
    }
    String name = ATTRIBUTES[r.nextInt(ATTRIBUTES.length)];
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    int count = r.nextInt(7);
    if (count == 0) {
      a.setType(AttributeProto.AttributeType.INT).setI(size(r));
    } else {
      a.setType(AttributeProto.AttributeType.INTS);
      for (int i = 0; i < count; i++) {
        a.addInts(r.nextInt(3) == 0 ? size(r) : r.nextInt(5) - 1);
      }
    }
    n.addAttribute(a);
    recipe.add("onnx: node '" + n.getName() + "' gains " + a.build().toString().replace('\n', ' '));
  }

  private static void inputs(GraphProto.Builder g, Random r, List<String> recipe) {
    NodeProto.Builder n = someNode(g, r);
    if (n == null) {
      return;
    }
    List<String> in = new ArrayList<>(n.getInputList());
    switch (r.nextInt(5)) {
      case 0 -> {
        if (!in.isEmpty()) {
          in.remove(r.nextInt(in.size()));
        }
        recipe.add("onnx: node '" + n.getName() + "' loses an input");
      }
      case 1 -> {
        in.clear();
        recipe.add("onnx: node '" + n.getName() + "' loses every input");
      }
      case 2 -> {
        if (!in.isEmpty()) {
          in.set(r.nextInt(in.size()), "");
        }
        recipe.add("onnx: an input of node '" + n.getName() + "' absent");
      }
      case 3 -> {
        if (in.size() > 1) {
          int a = r.nextInt(in.size());
          int b = r.nextInt(in.size());
          String t = in.get(a);
          in.set(a, in.get(b));
          in.set(b, t);
        }
        recipe.add("onnx: inputs of node '" + n.getName() + "' swapped");
      }
      default -> {
        List<String> names = new ArrayList<>();
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        g.getInputList().forEach(v -> names.add(v.getName()));
        names.add("nowhere");
        in.add(names.get(r.nextInt(names.size())));
        recipe.add("onnx: node '" + n.getName() + "' gains input '" + in.get(in.size() - 1) + "'");
      }
    }
    n.clearInput().addAllInput(in);
  }

  private static void cycle(GraphProto.Builder g, Random r, List<String> recipe) {
    if (g.getNodeCount() < 2) {
      inputs(g, r, recipe);
      return;
    }
    int a = r.nextInt(g.getNodeCount() - 1);
    int b = a + 1 + r.nextInt(g.getNodeCount() - a - 1);
    NodeProto.Builder n = g.getNodeBuilder(a);
    String later = g.getNode(b).getOutput(0);
    if (n.getInputCount() == 0) {
      n.addInput(later);
    } else {
      n.setInput(r.nextInt(n.getInputCount()), later);
    }
    recipe.add("onnx: node '" + n.getName() + "' takes the later '" + later + "' (a cycle)");
  }

  private static void operator(GraphProto.Builder g, Random r, List<String> recipe) {
    NodeProto.Builder n = someNode(g, r);
    if (n == null) {
      return;
    }
    String op = OPERATORS[r.nextInt(OPERATORS.length)];
    recipe.add("onnx: node '" + n.getName() + "' " + n.getOpType() + " -> " + op);
    n.setOpType(op);
  }

  private static void nodes(GraphProto.Builder g, Random r, List<String> recipe) {
    if (g.getNodeCount() == 0) {
      return;
    }
    int i = r.nextInt(g.getNodeCount());
    if (r.nextBoolean()) {
      recipe.add("onnx: node '" + g.getNode(i).getName() + "' dropped");
      g.removeNode(i);
    } else {
      recipe.add("onnx: node '" + g.getNode(i).getName() + "' repeated");
      g.addNode(g.getNode(i));
    }
  }

  private static void dataType(GraphProto.Builder g, Random r, List<String> recipe) {
    if (g.getInitializerCount() == 0) {
      attribute(g, r, recipe);
      return;
    }
    TensorProto.Builder t = g.getInitializerBuilder(r.nextInt(g.getInitializerCount()));
    int type = new int[] {0, 1, 2, 6, 7, 8, 9, 10, 11, 16, 99}[r.nextInt(11)];
    recipe.add("onnx: initializer '" + t.getName() + "' data type -> " + type);
    t.setDataType(type);
  }

  /**
   * A few bytes that fold into a huge constant: ConstantOfShape or Expand to sizes from 2^20 to
   * 2^40 values, fed in place of an input of some node.
   */
  private static void hugeFold(GraphProto.Builder g, Random r, List<String> recipe) {
    NodeProto.Builder n = someNode(g, r);
    if (n == null) {
      return;
    }
    long a = 1L << (10 + r.nextInt(11));
    long b = 1L << (10 + r.nextInt(11));
    TensorProto shape =
        TensorProto.newBuilder().setDataType(7).addDims(2).addInt64Data(a).addInt64Data(b).build();
    g.addNode(
        NodeProto.newBuilder()
            .setOpType("Constant")
            .setName("fuzz_shape")
            .addOutput("fuzz_shape")
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("value")
                    .setType(AttributeProto.AttributeType.TENSOR)
                    .setT(shape)));
    String op = r.nextBoolean() ? "ConstantOfShape" : "Expand";
    NodeProto.Builder fold =
        NodeProto.newBuilder().setOpType(op).setName("fuzz_fold").addOutput("fuzz_big");
    if (op.equals("Expand")) {
      g.addNode(
          NodeProto.newBuilder()
              .setOpType("Constant")
              .setName("fuzz_one")
              .addOutput("fuzz_one")
              .addAttribute(
                  AttributeProto.newBuilder()
                      .setName("value_float")
                      .setType(AttributeProto.AttributeType.FLOAT)
                      .setF(0.5f)));
      fold.addInput("fuzz_one");
    }
    fold.addInput("fuzz_shape");
    g.addNode(fold);
    int slot = n.getInputCount() == 0 ? -1 : r.nextInt(n.getInputCount());
    if (slot < 0) {
      n.addInput("fuzz_big");
    } else {
      n.setInput(slot, "fuzz_big");
    }
    recipe.add("onnx: a " + op + " to (" + a + ", " + b + ") feeds node '" + n.getName() + "'");
  }
}
