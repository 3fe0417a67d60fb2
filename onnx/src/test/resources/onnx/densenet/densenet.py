"""Exports a DenseNet-BC to ONNX the way torchvision's densenet121 exports, and prints its counts.

The architecture follows torchvision 0.14's torchvision/models/densenet.py (BSD-3): a dense
layer concatenates the list of the block's previous features (torch.cat(prev, 1)), so each
block's first layer exports a Concat of one input. Written here for the export only.

  /usr/bin/python3 densenet.py tiny OUT_DIR   growth 4, blocks (2, 2), 8 init features, 32x32:
                                              densenet_tiny.onnx, input_0.pb and output_0.pb
  /usr/bin/python3 densenet.py 121 OUT_DIR    densenet121 (growth 32, blocks (6, 12, 24, 16),
                                              64 init features, 224x224): densenet121.onnx

Run with PyTorch 1.13 (opset 13, eval mode, constant folding, seed 0).
"""

import struct
import sys
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F


class DenseLayer(nn.Module):
    def __init__(self, channels, growth, bn_size):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(channels)
        self.conv1 = nn.Conv2d(channels, bn_size * growth, 1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth)
        self.conv2 = nn.Conv2d(bn_size * growth, growth, 3, padding=1, bias=False)

    def forward(self, prev):
        x = torch.cat(prev, 1)  # one input for the block's first layer
        x = self.conv1(F.relu(self.norm1(x)))
        return self.conv2(F.relu(self.norm2(x)))


class DenseBlock(nn.Module):
    def __init__(self, layers, channels, growth, bn_size):
        super().__init__()
        self.layers = nn.ModuleList(
            DenseLayer(channels + i * growth, growth, bn_size) for i in range(layers)
        )

    def forward(self, x):
        features = [x]
        for layer in self.layers:
            features.append(layer(features))
        return torch.cat(features, 1)


class Transition(nn.Sequential):
    def __init__(self, channels, out):
        super().__init__(
            nn.BatchNorm2d(channels),
            nn.ReLU(),
            nn.Conv2d(channels, out, 1, bias=False),
            nn.AvgPool2d(2, 2),
        )


class DenseNet(nn.Module):
    def __init__(self, growth, blocks, init_features, bn_size=4, classes=1000):
        super().__init__()
        mods = [
            nn.Conv2d(3, init_features, 7, stride=2, padding=3, bias=False),
            nn.BatchNorm2d(init_features),
            nn.ReLU(),
            nn.MaxPool2d(3, stride=2, padding=1),
        ]
        c = init_features
        for i, n in enumerate(blocks):
            mods.append(DenseBlock(n, c, growth, bn_size))
            c += n * growth
            if i != len(blocks) - 1:
                mods.append(Transition(c, c // 2))
                c //= 2
        mods.append(nn.BatchNorm2d(c))
        self.features = nn.Sequential(*mods)
        self.classifier = nn.Linear(c, classes)

    def forward(self, x):
        x = F.relu(self.features(x))
        x = torch.flatten(F.adaptive_avg_pool2d(x, (1, 1)), 1)
        return self.classifier(x)


def randomise_norms(model):
    """Random running statistics and affine terms, so a wrong BatchNorm shows in the output."""
    g = torch.Generator().manual_seed(1)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            m.weight.data = 0.5 + torch.rand(n, generator=g)
            m.bias.data = torch.randn(n, generator=g) * 0.1
            m.running_mean.data = torch.randn(n, generator=g) * 0.1
            m.running_var.data = 0.5 + torch.rand(n, generator=g)


# --- a minimal protobuf reader / writer (no onnx package needed) ---


def varint(buf, i):
    v = s = 0
    while True:
        b = buf[i]
        i += 1
        v |= (b & 0x7F) << s
        s += 7
        if b < 0x80:
            return v, i


def fields(buf):
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        num, wire = key >> 3, key & 7
        if wire == 0:
            v, i = varint(buf, i)
        elif wire == 1:
            v, i = buf[i : i + 8], i + 8
        elif wire == 5:
            v, i = buf[i : i + 4], i + 4
        elif wire == 2:
            n, i = varint(buf, i)
            v, i = buf[i : i + n], i + n
        else:
            raise ValueError("wire type %d" % wire)
        yield num, wire, v


def sub(buf, num):
    return [v for n, w, v in fields(buf) if n == num and w == 2]


def initializers(path):
    """{name: (data_type, dims)} of the graph's initializers (ModelProto.graph = 7, init = 5)."""
    graph = sub(Path(path).read_bytes(), 7)[0]
    out = {}
    for t in sub(graph, 5):
        dims, dtype, name = [], None, None
        for n, w, v in fields(t):
            if n == 1:
                dims += [v] if w == 0 else unpacked(v)
            elif n == 2:
                dtype = v
            elif n == 8:
                name = v.decode()
        out[name] = (dtype, dims)
    return out


def unpacked(v):
    out, i = [], 0
    while i < len(v):
        x, i = varint(v, i)
        out.append(x)
    return out


def nodes(path):
    graph = sub(Path(path).read_bytes(), 7)[0]
    for nd in sub(graph, 1):
        ins = [v.decode() for v in sub(nd, 1)]
        op = [v.decode() for v in sub(nd, 4)][0]
        name = ([v.decode() for v in sub(nd, 3)] or [""])[0]
        yield op, name, ins


def key(num, wire):
    return enc_varint(num << 3 | wire)


def enc_varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def tensor_pb(t, name):
    """A float TensorProto: dims (1), data_type FLOAT (2), name (8), raw_data (9) little endian."""
    out = bytearray()
    for d in t.shape:
        out += key(1, 0) + enc_varint(d)
    out += key(2, 0) + enc_varint(1)
    nb = name.encode()
    out += key(8, 2) + enc_varint(len(nb)) + nb
    raw = struct.pack("<%df" % t.numel(), *t.flatten().tolist())
    out += key(9, 2) + enc_varint(len(raw)) + raw
    return bytes(out)


# --- counts ---


def count(model, path):
    learnable = sum(p.numel() for p in model.parameters())
    stats = sum(
        m.running_mean.numel() + m.running_var.numel()
        for m in model.modules()
        if isinstance(m, nn.BatchNorm2d)
    )
    init = initializers(path)
    floats = sum(_prod(d) for t, d in init.values() if t == 1)
    others = {n: (t, d) for n, (t, d) in init.items() if t != 1}
    ops = list(nodes(path))
    bns = [o for o in ops if o[0] == "BatchNormalization"]
    bn_values = sum(sum(_prod(init[i][1]) for i in ins[1:5]) for _, _, ins in bns)
    cats = [o for o in ops if o[0] == "Concat"]
    single = [n for _, n, ins in cats if len(ins) == 1]
    print("module parameters (learnable):          %d" % learnable)
    print("BatchNorm running mean + variance:      %d" % stats)
    print("Keras-equivalent (all four BN arrays):  %d" % (learnable + stats))
    print("file: float initializer values (once):  %d" % floats)
    print("file: non-float initializers:           %s" % others)
    print("file: BatchNormalization nodes:         %d, their 4 arrays hold %d" % (len(bns), bn_values))
    print("file: Concat nodes:                     %d, single-input %s" % (len(cats), single))
    print("convolution and linear multiply-adds:   %d" % macs(model))


def _prod(dims):
    p = 1
    for d in dims:
        p *= d
    return p


def macs(model):
    total = [0]

    def conv(m, i, o):
        total[0] += o.numel() * m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1]

    def linear(m, i, o):
        total[0] += o.numel() * m.in_features

    hs = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hs.append(m.register_forward_hook(conv))
        elif isinstance(m, nn.Linear):
            hs.append(m.register_forward_hook(linear))
    with torch.no_grad():
        model(torch.zeros(model.input_shape))
    for h in hs:
        h.remove()
    return total[0]


def main(which, out):
    torch.manual_seed(0)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if which == "tiny":
        model = DenseNet(4, (2, 2), 8, classes=10)
        model.input_shape = (1, 3, 32, 32)
        name = "densenet_tiny"
    else:
        model = DenseNet(32, (6, 12, 24, 16), 64)
        model.input_shape = (1, 3, 224, 224)
        name = "densenet121"
    randomise_norms(model)
    model.eval()
    x = torch.randn(model.input_shape)
    path = out / (name + ".onnx")
    torch.onnx.export(
        model,
        x,
        str(path),
        opset_version=13,
        do_constant_folding=True,
        training=torch.onnx.TrainingMode.EVAL,
        input_names=["input"],
        output_names=["output"],
    )
    if which == "tiny":
        with torch.no_grad():
            y = model(x)
        (out / "input_0.pb").write_bytes(tensor_pb(x, "input"))
        (out / "output_0.pb").write_bytes(tensor_pb(y, "output"))
    count(model, path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
