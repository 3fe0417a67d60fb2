# Writes the ONNX node test cases of the quantized operators as onnx's generate-data writes the
# others: model.onnx and test_data_set_0/{input,output}_*.pb.
import os, shutil, sys
import onnx.backend.test.case.node as node_test
from onnx import numpy_helper, TensorProto
out = sys.argv[1]
ops = {"QLinearConv", "QLinearMatMul", "ConvInteger", "MatMulInteger", "QuantizeLinear", "DequantizeLinear"}
for case in node_test.collect_testcases(None):
    if not any(n.op_type in ops for n in case.model.graph.node):
        continue
    d = os.path.join(out, case.name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    open(os.path.join(d, "model.onnx"), "wb").write(case.model.SerializeToString())
    for i, (inputs, outputs) in enumerate(case.data_sets):
        ds = os.path.join(d, f"test_data_set_{i}")
        os.makedirs(ds)
        for j, (vals, io) in enumerate([(inputs, case.model.graph.input), (outputs, case.model.graph.output)]):
            pass
        for kind, vals, vi in (("input", inputs, case.model.graph.input), ("output", outputs, case.model.graph.output)):
            for j, v in enumerate(vals):
                t = v if isinstance(v, TensorProto) else numpy_helper.from_array(v, vi[j].name)
                open(os.path.join(ds, f"{kind}_{j}.pb"), "wb").write(t.SerializeToString())
    print(case.name)
