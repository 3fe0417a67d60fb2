"""Prints NeuroJoule's rates throughput next to TensorFlow's (tf-bench) and their ratios."""
import json
import os
import platform
import sys

import statistics


def load(arg):
    """Each argument is one results file or a comma-separated list of rounds' files."""
    return [json.load(open(f)) for f in arg.split(",")]


def median_of(runs, rows_key, key_fields, value_fields):
    """The first run with each row's values replaced by their median over all runs."""
    merged = json.loads(json.dumps(runs[0]))
    for row in merged.get(rows_key) or []:
        key = tuple(row[k] for k in key_fields)
        same = [r for run in runs for r in run.get(rows_key) or []
                if tuple(r[k] for k in key_fields) == key]
        for v in value_fields:
            row[v] = statistics.median(r[v] for r in same)
        row["rounds"] = same
    return merged


nj_runs = load(sys.argv[1])
tf_runs = load(sys.argv[2])
rounds = len(nj_runs)
nj = median_of(nj_runs, "results", ("network", "batch"), ("img_per_s", "gflops", "peak_heap_mb"))
nj["public_path"] = median_of(nj_runs, "public_path", ("network", "images"),
                              ("first_call_img_per_s", "repeated_call_img_per_s"))["public_path"]
tf = median_of(tf_runs, "results", ("network", "batch", "mode"), ("img_per_s",))
tfr = {(r["network"], r["batch"], r["mode"]): r for r in tf["results"]}


def spread(nj_rows, nj_field, tf_rows):
    """The range of the per-round ratios, when there are several rounds."""
    if rounds == 1 or len(nj_rows) != rounds or len(tf_rows) != rounds:
        return ""
    ratios = [a[nj_field] / b["img_per_s"] for a, b in zip(nj_rows, tf_rows)]
    return f" ({min(ratios):.2f}–{max(ratios):.2f})"


cpu = tf.get("machine", {}).get("cpu_model", platform.processor())
cores = tf.get("machine", {}).get("available_processors", "?")
peak = tf.get("numpy_peak", {}).get("gflops")
print(f"Machine: {cpu}, {cores} vCPUs; NeuroJoule {nj['timestamp'][:16]}Z, "
      f"TensorFlow {tf['timestamp'][:16]}Z (back to back)")
if rounds > 1:
    print(f"Rounds: {rounds}, alternating NeuroJoule and TensorFlow, until "
          f"{tf_runs[-1]['timestamp'][:16]}Z; each figure is the median over the rounds, each "
          f"ratio the ratio of the medians with the per-round ratios' range in brackets")
print(f"Peak: numpy/OpenBLAS sgemm 4096^3 {peak:.0f} GFLOP/s (tf-bench); NeuroJoule's "
      f"{nj['gemm']} sgemm 4096^3 {nj['peak_gflops']:.0f} GFLOP/s; NeuroJoule gemm={nj['gemm']}, "
      f"threads={nj['threads']}; TF 2.18 oneDNN, 2 intra-op threads")
limits = nj.get("isa_limits")
if limits is not None:
    def shown(v):
        return v if v else "not set"
    print(f"ISA limits: NeuroJoule ONEDNN_MAX_CPU_ISA={shown(limits.get('onednn_max_cpu_isa'))}, "
          f"OPENBLAS_CORETYPE={shown(limits.get('openblas_coretype'))}, JVM UseAVX="
          f"{shown(limits.get('jvm_use_avx'))}, UseTransparentHugePages="
          f"{shown(limits.get('jvm_transparent_huge_pages'))}; TensorFlow "
          f"{os.environ.get('TF_LIMITS', 'not recorded')} (its Eigen kernels are not limited)")
print()
print("| network | batch | NeuroJoule rates img/s | GFLOP/s | % of numpy peak | peak heap MB "
      "| TF rates img/s | TF forward img/s | NJ / TF rates | NJ / TF forward |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in nj["results"]:
    key = (r["network"], r["batch"])
    rates = tfr.get(key + ("rates",))
    fwd = tfr.get(key + ("forward",))
    pct = 100 * r["gflops"] / peak if peak else float("nan")

    def fmt(x):
        return f"{x['img_per_s']:.1f}" if x else "-"

    def ratio(x):
        if not x:
            return "-"
        return f"{r['img_per_s'] / x['img_per_s']:.2f}x" + spread(r["rounds"], "img_per_s",
                                                                x["rounds"])

    print(f"| {r['network']} | {r['batch']} | {r['img_per_s']:.1f} | {r['gflops']:.1f} | "
          f"{pct:.0f} % | {r['peak_heap_mb']:.0f} | {fmt(rates)} | {fmt(fwd)} | {ratio(rates)} | "
          f"{ratio(fwd)} |")
mem = nj.get("memory")
if mem:
    print()
    for k, m in mem.items():
        print(f"Memory, {k.replace('_', ' ')} examples (streamed from .npy, batch 32): live heap "
              f"max {m['live_heap_max_mb']:.1f} MB, heap pools' peak {m['pools_peak_mb']:.1f} MB")
pub = nj.get("public_path")
if pub:
    print()
    print("Public path: one `model.energy(e -> e.exampleData(data))` call (batch 32, setup "
          "included) against TF at batch 32, whose graph is built once and not timed.")
    print()
    print("| network | images | first call img/s | repeated call img/s | TF rates img/s (batch 32) "
          "| first / TF rates | repeated / TF rates |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for p in pub:
        rates = tfr.get((p["network"], 32, "rates"))

        def ratio(field):
            if not rates:
                return "-"
            return f"{p[field] / rates['img_per_s']:.2f}x" + spread(p["rounds"], field,
                                                                  rates["rounds"])

        tf_rates = f"{rates['img_per_s']:.1f}" if rates else "-"
        print(f"| {p['network']} | {p['images']} | {p['first_call_img_per_s']:.1f} | "
              f"{p['repeated_call_img_per_s']:.1f} | {tf_rates} | "
              f"{ratio('first_call_img_per_s')} | {ratio('repeated_call_img_per_s')} |")
