#!/usr/bin/env python3
"""A plain PyTorch simulation of a NIR file, written from NIR's definitions and NeuroJoule's
README discretisation, for benchmarks/simulation-side-by-side.sh.

  python3 benchmarks/simulation_torch.py --model cnn_sinabs.nir --data events.npy --dt 1e-3 \
      [--reset zero|subtract] [--reps 3] [--threads 2] [--out torch.json]

The data are sequences (N, T, step...) with the step channels last, as NeuroJoule takes them; the
whole batch runs at once, step by step: Conv2d/Affine in float32 (torch.nn.functional), neuron
states in float64 as NeuroJoule keeps them. Discretisation (forward Euler over dt): IF
v += r x; LIF v += dt/tau (v_leak - v + r x); CubaLIF i += dt/tau_syn (-i + w_in x), then v as LIF
with tau_mem and the new i; a spike when v > v_threshold, then v = v_reset (zero) or
v -= v_threshold (subtract). Counts per node: spikes (nonzero outputs of spiking nodes, nonzero
data for the input) and synaptic events (each nonzero input times its fan-out in the node it
reaches; a recurrent edge's previous-step spikes times the units of the neuron they reach, counted
in that neuron). Rate: sequences/s of the loop alone (after one warm-up run), the median of --reps.
"""
import argparse
import json
import statistics
import time

import h5py
import numpy as np
import torch
import torch.nn.functional as F


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def load(path):
    g = h5py.File(path, "r")["node"]
    nodes = {}
    for name, n in g["nodes"].items():
        nodes[name] = {k: (text(n[k][()]) if k == "type" else n[k][()]) for k in n.keys()}
    edges = [(text(a), text(b)) for a, b in g["edges"][()]]
    return nodes, edges


def order(nodes, edges):
    """Topological order from the input; edges closing a cycle are recurrent (previous step)."""
    succ = {n: [] for n in nodes}
    for a, b in edges:
        succ[a].append(b)
    state, post, back = {}, [], set()

    def visit(n):
        state[n] = 1
        for m in sorted(succ[n]):
            if state.get(m) == 1:
                back.add((n, m))
            elif m not in state:
                visit(m)
        state[n] = 2
        post.append(n)

    visit(next(n for n, v in nodes.items() if v["type"] == "Input"))
    return post[::-1], back


class Sim:
    def __init__(self, nodes, edges, dt, reset, step_shape):
        self.nodes, self.dt, self.reset = nodes, dt, reset
        self.order, self.back = order(nodes, edges)
        self.preds = {n: [a for a, b in edges if b == n and (a, b) not in self.back] for n in nodes}
        self.rec = {n: [a for a, b in edges if b == n and (a, b) in self.back] for n in nodes}
        # A recurrent edge's Affine runs inside the neuron it feeds back to, on the previous step.
        self.recurrent = {a for a, _ in self.back}
        self.tensors = {}
        self.fan = {}
        shapes = {}
        for name in self.order:
            node = nodes[name]
            kind = node["type"]
            if kind == "Input":
                # Channels last (H, W, C) in the data, channels first in NIR.
                shapes[name] = tuple(step_shape[-1:] + step_shape[:-1]) if len(step_shape) == 3 else tuple(step_shape)
                continue
            ins = self.preds[name]
            shape = shapes[ins[0]] if ins else None
            if kind == "Conv2d":
                w = torch.from_numpy(node["weight"].astype(np.float32))
                b = torch.from_numpy(node["bias"].astype(np.float32))
                stride, pad, dil = (tuple(int(x) for x in node[k]) for k in ("stride", "padding", "dilation"))
                self.tensors[name] = (w, b, stride, pad, dil)
                out = F.conv2d(torch.zeros((1,) + shape), w, b, stride, pad, dil)
                covering = F.conv_transpose2d(
                    torch.ones((1, 1) + out.shape[2:]), torch.ones((1, 1) + w.shape[2:]),
                    stride=stride, padding=pad, dilation=dil,
                    output_padding=tuple(shape[1 + i] - ((out.shape[2 + i] - 1) * stride[i] - 2 * pad[i] + dil[i] * (w.shape[2 + i] - 1) + 1) for i in range(2)))
                self.fan[name] = (covering[0, 0] * w.shape[0]).double()
                shapes[name] = tuple(out.shape[1:])
            elif kind in ("Affine", "Linear"):
                w = torch.from_numpy(node["weight"].astype(np.float32))
                b = torch.from_numpy(node["bias"].astype(np.float32)) if kind == "Affine" else None
                self.tensors[name] = (w, b)
                self.fan[name] = float(w.shape[0])
                shapes[name] = (w.shape[0],)
            elif kind == "SumPool2d":
                k, s, p = (tuple(int(x) for x in node[n]) for n in ("kernel_size", "stride", "padding"))
                self.tensors[name] = (k, s, p)
                out = F.avg_pool2d(torch.zeros((1,) + shape), k, s, p)
                shapes[name] = tuple(out.shape[1:])
                # Connections spread evenly over the inputs: outputs x kernel / inputs.
                self.fan[name] = float(np.prod(shapes[name]) * np.prod(k)) / float(np.prod(shape))
            elif kind == "Flatten":
                shapes[name] = (int(np.prod(shape)),)
            elif kind in ("IF", "LIF", "CubaLIF", "LI", "CubaLI", "I"):
                shapes[name] = shape if shape else tuple(node["v_threshold"].shape)
                self.tensors[name] = self.constants(node, kind)
            elif kind == "Output":
                shapes[name] = shape
            else:
                raise SystemExit(f"node '{name}': {kind} is not simulated by this script")
        self.shapes = shapes

    def constants(self, node, kind):
        def c(key, default):
            return torch.from_numpy(node[key].astype(np.float32)).double().flatten() if key in node else default

        leaky = kind in ("LIF", "LI", "CubaLIF", "CubaLI")
        tau = c("tau_mem" if "tau_mem" in node else "tau", None)
        a = self.dt / tau if leaky else 1.0
        r = c("r", 1.0)
        k = {
            "leak": a if leaky else 0.0,
            "gain": a * r,
            "v_leak": c("v_leak", 0.0),
            "thr": c("v_threshold", float("inf")),
            "v_reset": c("v_reset", 0.0),
            "spikes": kind in ("IF", "LIF", "CubaLIF"),
        }
        if kind in ("CubaLIF", "CubaLI"):
            b = self.dt / c("tau_syn", None)
            k["syn_decay"] = 1 - b
            k["syn_gain"] = b * c("w_in", 1.0)
        return k

    def run(self, data):
        """data: float32 tensor (N, T, step...); returns {node: [spikes, events]}."""
        n, steps = data.shape[0], data.shape[1]
        counts = {name: [0, 0.0] for name in self.order}
        v, i, out, prev = {}, {}, {}, {}
        for name in self.order:
            if name in self.tensors and isinstance(self.tensors[name], dict):
                units = int(np.prod(self.shapes[name]))
                v[name] = torch.zeros(n, units, dtype=torch.float64)
                if "syn_decay" in self.tensors[name]:
                    i[name] = torch.zeros(n, units, dtype=torch.float64)
                prev[name] = torch.zeros(n, units, dtype=torch.float32)
        for t in range(steps):
            for name in self.order:
                node = self.nodes[name]
                kind = node["type"]
                if kind == "Input":
                    x = data[:, t]
                    x = x.permute(0, 3, 1, 2) if x.dim() == 4 else x
                    counts[name][0] += int(torch.count_nonzero(x))
                    out[name] = x
                    continue
                if name in self.recurrent:
                    continue
                x = out[self.preds[name][0]]
                if kind == "Conv2d":
                    w, b, stride, pad, dil = self.tensors[name]
                    counts[name][1] += float(((x != 0).double().sum(dim=(0, 1)) * self.fan[name]).sum())
                    out[name] = F.conv2d(x, w, b, stride, pad, dil)
                elif kind in ("Affine", "Linear"):
                    w, b = self.tensors[name]
                    counts[name][1] += int(torch.count_nonzero(x)) * self.fan[name]
                    out[name] = F.linear(x, w, b)
                elif kind == "SumPool2d":
                    k, s, p = self.tensors[name]
                    counts[name][1] += int(torch.count_nonzero(x)) * self.fan[name]
                    out[name] = F.avg_pool2d(x, k, s, p, divisor_override=1)
                elif kind == "Flatten":
                    out[name] = x.reshape(x.shape[0], -1)
                elif kind == "Output":
                    out[name] = x
                else:
                    k = self.tensors[name]
                    inp = x.reshape(n, -1).double()
                    for r in self.rec[name]:
                        # A recurrent Affine from this neuron: its previous step's spikes, in
                        # double, as NeuroJoule adds them (the bias from the first step on).
                        w, b = self.tensors[r]
                        counts[name][1] += int(torch.count_nonzero(prev[name])) * w.shape[0]
                        inp = inp + prev[name].double() @ w.double().t()
                        if b is not None:
                            inp = inp + b.double()
                    if "syn_decay" in k:
                        i[name] = k["syn_decay"] * i[name] + k["syn_gain"] * inp
                        inp = i[name]
                    nxt = v[name] + k["leak"] * (k["v_leak"] - v[name]) + k["gain"] * inp
                    if k["spikes"]:
                        fired = nxt > k["thr"]
                        if self.reset == "subtract":
                            nxt = torch.where(fired, nxt - k["thr"], nxt)
                        else:
                            nxt = torch.where(fired, k["v_reset"] * torch.ones_like(nxt), nxt)
                        o = fired.float()
                        counts[name][0] += int(fired.sum())
                    else:
                        o = nxt.float()
                    v[name] = nxt
                    prev[name] = o
                    out[name] = o.reshape((n,) + tuple(self.shapes[name]))
        return counts


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--dt", type=float, default=1e-3)
    p.add_argument("--reset", choices=("zero", "subtract"), default="zero")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    nodes, edges = load(a.model)
    data = torch.from_numpy(np.load(a.data).astype(np.float32))
    sim = Sim(nodes, edges, a.dt, a.reset, list(data.shape[2:]))
    with torch.no_grad():
        counts = sim.run(data)  # warm-up
        rates = []
        for _ in range(a.reps):
            start = time.perf_counter()
            counts = sim.run(data)
            rates.append(data.shape[0] / (time.perf_counter() - start))
    result = {
        "model": a.model.split("/")[-1],
        "shape": list(data.shape),
        "threads": a.threads,
        "torch": torch.__version__,
        "seq_per_s": statistics.median(rates),
        "rates": rates,
        "layers": {k: {"spikes": float(s), "events": float(e)} for k, (s, e) in counts.items()},
    }
    print(json.dumps(result))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f)
            f.write("\n")


if __name__ == "__main__":
    main()
