"""Writes cf_seq_conv_bn_pool_sep_pad_dense.h5: a Keras 2 (2.2.4, TensorFlow backend) Sequential
model whose image layers are all data_format channels_first, in the legacy .h5 layout Keras'
save_model writes (model_config attribute; model_weights group with layer_names, and per layer
weight_names and a subgroup of <weight>:0 datasets). There is no TensorFlow here, so the file is
written with h5py by hand; the weights are seeded random values. Keras stores kernels in the same
layout whatever the data format: (kh, kw, cin, filters), depthwise (kh, kw, cin, dm), pointwise
(1, 1, cin * dm, filters); Dense's kernel follows the Flatten, which (data_format channels_last,
its default) flattens the (C, H, W) tensor in C, H, W order.

Run: python3 make_channels_first_h5.py   (needs h5py and numpy)
"""
import json

import h5py
import numpy as np

rng = np.random.default_rng(22)


def conv_cfg(name, cls, **kw):
    c = {"name": name, "trainable": True, "dtype": "float32", "data_format": "channels_first"}
    c.update(kw)
    return {"class_name": cls, "config": c}


layers = [
    conv_cfg("conv2d_1", "Conv2D", batch_input_shape=[None, 2, 6, 7], filters=3,
             kernel_size=[3, 3], strides=[1, 1], padding="same", dilation_rate=[1, 1],
             activation="relu", use_bias=True),
    {"class_name": "BatchNormalization",
     "config": {"name": "bn_1", "trainable": True, "axis": 1, "momentum": 0.99,
                "epsilon": 0.001, "center": True, "scale": True}},
    conv_cfg("max_pooling2d_1", "MaxPooling2D", pool_size=[2, 2], strides=[2, 2],
             padding="valid"),
    conv_cfg("separable_conv2d_1", "SeparableConv2D", filters=4, kernel_size=[2, 2],
             strides=[1, 1], padding="valid", dilation_rate=[1, 1], depth_multiplier=1,
             activation="linear", use_bias=True),
    conv_cfg("zero_padding2d_1", "ZeroPadding2D", padding=[[1, 1], [1, 1]]),
    {"class_name": "Flatten",
     "config": {"name": "flatten_1", "trainable": True, "data_format": "channels_last"}},
    {"class_name": "Dense",
     "config": {"name": "dense_1", "trainable": True, "units": 5, "activation": "linear",
                "use_bias": True}},
]

weights = {
    "conv2d_1": [("kernel", (3, 3, 2, 3)), ("bias", (3,))],
    "bn_1": [("gamma", (3,)), ("beta", (3,)), ("moving_mean", (3,)),
             ("moving_variance", (3,))],
    "separable_conv2d_1": [("depthwise_kernel", (2, 2, 3, 1)),
                           ("pointwise_kernel", (1, 1, 3, 4)), ("bias", (4,))],
    "dense_1": [("kernel", (64, 5)), ("bias", (5,))],
}

with h5py.File("cf_seq_conv_bn_pool_sep_pad_dense.h5", "w") as f:
    f.attrs["keras_version"] = "2.2.4"
    f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": layers})
    g = f.create_group("model_weights")
    g.attrs["keras_version"] = "2.2.4"
    g.attrs["backend"] = "tensorflow"
    g.attrs["layer_names"] = np.array([l["config"]["name"].encode() for l in layers])
    for l in layers:
        name = l["config"]["name"]
        lg = g.create_group(name)
        arrays = weights.get(name, [])
        lg.attrs["weight_names"] = np.array([f"{name}/{w}:0".encode() for w, _ in arrays])
        if arrays:
            inner = lg.create_group(name)
            for w, shape in arrays:
                v = rng.uniform(-1, 1, size=shape).astype(np.float32)
                if w == "moving_variance":
                    v = np.abs(v) + 0.5
                inner.create_dataset(f"{w}:0", data=v)
