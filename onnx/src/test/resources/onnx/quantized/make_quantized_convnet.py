"""Makes the quantized-ONNX fixtures of this folder with onnxruntime's quantizer.

A small float conv net (conv, ReLU, max pool, depthwise conv, a residual Add, global average
pool, a MatMul classifier with an Add bias), random weights with seed 0, is written as
convnet_float.onnx and quantized statically by onnxruntime.quantization.quantize_static,
calibrated on 16 random inputs (seed 1):

- convnet_qdq.onnx: QDQ format, int8 activations and per-channel int8 weights (QuantizeLinear /
  DequantizeLinear pairs around every operator).
- convnet_qop.onnx: operator format of the Conv and MatMul nodes only (QLinearConv,
  QLinearMatMul; uint8 activations, int8 weights per channel), the rest float between
  QuantizeLinear and DequantizeLinear: the other QLinear operators onnxruntime makes are of its
  com.microsoft domain.

input_0.pb is one more random input (seed 2); output_float.pb, output_qdq.pb and output_qop.pb are
onnxruntime's (CPU) outputs of the three models for it.

Run with onnx 1.23.1, onnxruntime 1.30.0 and numpy: python3 make_quantized_convnet.py DIR
"""

import os
import sys

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import (
    CalibrationDataReader,
    QuantFormat,
    QuantType,
    quantize_static,
)

out = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(0)


def init(name, shape, scale):
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


inits = [
    init("w1", (8, 3, 3, 3), 0.3), init("b1", (8,), 0.1),
    init("wd", (8, 1, 3, 3), 0.3), init("bd", (8,), 0.1),
    init("w2", (16, 8, 3, 3), 0.15), init("b2", (16,), 0.1),
    init("w3", (16, 16, 1, 1), 0.2), init("b3", (16,), 0.1),
    init("wf", (16, 10), 0.3), init("bf", (10,), 0.1),
]
nodes = [
    helper.make_node("Conv", ["input", "w1", "b1"], ["c1"], name="conv1", pads=[1, 1, 1, 1]),
    helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
    helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
    helper.make_node("Conv", ["p1", "wd", "bd"], ["cd"], name="dwconv", group=8, pads=[1, 1, 1, 1]),
    helper.make_node("Relu", ["cd"], ["rd"], name="relud"),
    helper.make_node("Conv", ["rd", "w2", "b2"], ["c2"], name="conv2", pads=[1, 1, 1, 1]),
    helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
    helper.make_node("Conv", ["r2", "w3", "b3"], ["c3"], name="conv3"),
    helper.make_node("Add", ["r2", "c3"], ["s"], name="residual"),
    helper.make_node("Relu", ["s"], ["rs"], name="relu3"),
    helper.make_node("GlobalAveragePool", ["rs"], ["g"], name="gap"),
    helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
    helper.make_node("MatMul", ["f", "wf"], ["m"], name="fc"),
    helper.make_node("Add", ["m", "bf"], ["output"], name="fc_bias"),
]
graph = helper.make_graph(
    nodes,
    "convnet",
    [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 16, 16])],
    [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 10])],
    inits,
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
float_path = os.path.join(out, "convnet_float.onnx")
onnx.save(model, float_path)


class Reader(CalibrationDataReader):
    def __init__(self):
        r = np.random.default_rng(1)
        self.data = iter(
            [{"input": r.standard_normal((1, 3, 16, 16)).astype(np.float32)} for _ in range(16)]
        )

    def get_next(self):
        return next(self.data, None)


qdq_path = os.path.join(out, "convnet_qdq.onnx")
quantize_static(
    float_path, qdq_path, Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
    activation_type=QuantType.QInt8, weight_type=QuantType.QInt8,
)
qop_path = os.path.join(out, "convnet_qop.onnx")
quantize_static(
    float_path, qop_path, Reader(), quant_format=QuantFormat.QOperator, per_channel=True,
    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
    op_types_to_quantize=["Conv", "MatMul"],
)

x = np.random.default_rng(2).standard_normal((1, 3, 16, 16)).astype(np.float32)
onnx.save_tensor(numpy_helper.from_array(x, "input"), os.path.join(out, "input_0.pb"))
for name, path in (("float", float_path), ("qdq", qdq_path), ("qop", qop_path)):
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    y = sess.run(None, {"input": x})[0]
    onnx.save_tensor(numpy_helper.from_array(y, "output"), os.path.join(out, f"output_{name}.pb"))
    print(name, y.ravel()[:4])
