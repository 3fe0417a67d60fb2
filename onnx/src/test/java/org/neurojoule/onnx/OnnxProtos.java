package org.neurojoule.onnx;

import java.util.Arrays;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorShapeProto;
import org.neurojoule.onnx.proto.OnnxProto.TypeProto;
import org.neurojoule.onnx.proto.OnnxProto.ValueInfoProto;

/** Pieces of ONNX graphs that the importer's tests build by hand. */
final class OnnxProtos {
  private OnnxProtos() {}

  /** A float tensor of these dims (batch included). */
  static ValueInfoProto value(String name, long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s)))
        .build();
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    Arrays.stream(v).forEach(a::addInts);
    return a.build();
  }

  static AttributeProto integer(String name, long v) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(v)
        .build();
  }
}
