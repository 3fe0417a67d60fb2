"""Writes tfk_2.9.0_nested_slash_names.h5 and its expected outputs, by hand with h5py.

The file is laid out as tf.keras 2.9 saves a Functional model holding a nested Sequential whose
inner layer names contain '/' (as YAMNet's do: 'layer1/conv', 'layer1/conv/bn'): the nested model
is one entry of layer_names, its group holds every inner weight under the names
'sequential_2/layer1/conv/kernel:0', ..., and the outer model calls it as node 1. The expected
outputs are computed here with numpy, independently of the importer.

Run: python3 make_nested_slash_names.py (needs h5py and numpy).
"""
import json

import h5py
import numpy as np

rng = np.random.default_rng(22)
H, W, C, F, U = 4, 4, 2, 3, 2
kernel = rng.normal(size=(3, 3, C, F)).astype(np.float32)
beta = rng.normal(size=(F,)).astype(np.float32)
mean = rng.normal(size=(F,)).astype(np.float32)
var = rng.uniform(0.5, 2.0, size=(F,)).astype(np.float32)
dense_k = rng.normal(size=(F, U)).astype(np.float32)
dense_b = rng.normal(size=(U,)).astype(np.float32)
eps = 1e-3


def layer(cls, cfg, inbound=None):
    entry = {"class_name": cls, "config": cfg}
    if inbound is not None:
        entry["name"] = cfg["name"]
        entry["inbound_nodes"] = inbound
    return entry


nested = {
    "class_name": "Sequential",
    "config": {
        "name": "sequential_2",
        "layers": [
            layer("InputLayer", {"batch_input_shape": [None, H, W, C], "dtype": "float32",
                                 "sparse": False, "ragged": False, "name": "layer1/conv_input"}),
            layer("Conv2D", {"name": "layer1/conv", "trainable": True, "dtype": "float32",
                             "filters": F, "kernel_size": [3, 3], "strides": [1, 1],
                             "padding": "same", "data_format": "channels_last",
                             "dilation_rate": [1, 1], "groups": 1, "activation": "linear",
                             "use_bias": False}),
            layer("BatchNormalization", {"name": "layer1/conv/bn", "trainable": True,
                                         "dtype": "float32", "axis": [3], "momentum": 0.99,
                                         "epsilon": eps, "center": True, "scale": False}),
            layer("ReLU", {"name": "layer1/relu", "trainable": True, "dtype": "float32",
                           "max_value": None, "negative_slope": 0.0, "threshold": 0.0}),
        ],
    },
    "name": "sequential_2",
    "inbound_nodes": [[["input_1", 0, 0, {}]]],
}
model = {
    "class_name": "Functional",
    "config": {
        "name": "model",
        "layers": [
            layer("InputLayer", {"batch_input_shape": [None, H, W, C], "dtype": "float32",
                                 "sparse": False, "ragged": False, "name": "input_1"}, []),
            nested,
            layer("GlobalAveragePooling2D", {"name": "pool", "trainable": True,
                                             "dtype": "float32", "data_format": "channels_last",
                                             "keepdims": False},
                  [[["sequential_2", 1, 0, {}]]]),
            layer("Dense", {"name": "logits", "trainable": True, "dtype": "float32",
                            "units": U, "activation": "linear", "use_bias": True},
                  [[["pool", 0, 0, {}]]]),
        ],
        "input_layers": [["input_1", 0, 0]],
        "output_layers": [["logits", 0, 0]],
    },
}

inner_weights = [
    ("sequential_2/layer1/conv/kernel:0", kernel),
    ("sequential_2/layer1/conv/bn/beta:0", beta),
    ("sequential_2/layer1/conv/bn/moving_mean:0", mean),
    ("sequential_2/layer1/conv/bn/moving_variance:0", var),
]
outer_weights = {
    "input_1": [],
    "sequential_2": inner_weights,
    "pool": [],
    "logits": [("logits/kernel:0", dense_k), ("logits/bias:0", dense_b)],
}

with h5py.File("tfk_2.9.0_nested_slash_names.h5", "w") as f:
    f.attrs["backend"] = "tensorflow"
    f.attrs["keras_version"] = "2.9.0"
    f.attrs["model_config"] = json.dumps(model)
    g = f.create_group("model_weights")
    g.attrs["backend"] = "tensorflow"
    g.attrs["keras_version"] = "2.9.0"
    g.attrs["layer_names"] = np.array([n.encode() for n in outer_weights], dtype="S")
    for name, weights in outer_weights.items():
        lg = g.create_group(name)
        lg.attrs["weight_names"] = np.array([w.encode() for w, _ in weights], dtype="S")
        for wname, value in weights:
            lg.create_dataset(wname, data=value)
    g.create_group("top_level_model_weights").attrs["weight_names"] = np.array([], dtype="S")

# The independent forward pass: 'same' 3x3 convolution, inference batch norm, ReLU, mean, dense.
x = rng.normal(size=(2, H, W, C)).astype(np.float64)
padded = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
conv = np.zeros((2, H, W, F))
for i in range(H):
    for j in range(W):
        conv[:, i, j, :] = np.einsum("bhwc,hwcf->bf", padded[:, i:i + 3, j:j + 3, :], kernel)
bn = (conv - mean) / np.sqrt(var + eps) + beta
pooled = np.maximum(bn, 0).mean(axis=(1, 2))
out = pooled @ dense_k + dense_b
with open("tfk_2.9.0_nested_slash_names.expected.json", "w") as f:
    json.dump({"input": x.tolist(), "output": out.tolist()}, f)
