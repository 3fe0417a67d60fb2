#!/usr/bin/env bash
# The spiking simulation side by side: the same NIR file and the same seeded spike data through
# NeuroJoule (SimulationBenchmark: the simulation call timed in-process after a warm-up, JVM
# start-up and import excluded) and through a plain PyTorch loop written from NIR's definitions
# (simulation_torch.py: the whole batch per step, float32 convolutions and dense, float64 neuron
# states), 2 threads each, sequences per second; fails if any layer's spikes or synaptic events
# differ between the two.
#   benchmarks/simulation-side-by-side.sh                  # both networks, 3 alternating rounds
#   NETS=braille ROUNDS=1 RESET=subtract benchmarks/simulation-side-by-side.sh
# Environment: NETS (cnn,braille), ROUNDS (alternations NeuroJoule, PyTorch, NeuroJoule, ...; the
# table gives the medians), REPS (timed runs per side and round, after one warm-up; default 3),
# CNN_N/CNN_T (default 256, 50) and BRAILLE_N/BRAILLE_T (default 16384, 100) sequences and steps,
# P (Bernoulli probability of an event, default 0.05 for the CNN, 0.1 for Braille), RESET
# (zero|subtract), BATCH (NeuroJoule's sequences per mini-batch; default auto, as an estimate runs
# it: SpikingSimulation.miniBatch, 32 grown up to 32 MB of sequences), PYTHON (a python3
# with torch, h5py and numpy; default /usr/bin/python3, Debian's python3-torch and python3-h5py),
# SKIP_BUILD=1 (reuse the last build and its benchmarks/target/classpath.txt), NJ_CLASSPATH (with
# SKIP_BUILD=1: run NeuroJoule from this class path instead, e.g. copies of the jars while a build
# rewrites target/).
# Output: the table and benchmarks/target/simulation/*.json, simulation-side-by-side.md.
# Measure on an otherwise idle machine: when other processes want more CPUs than there are,
# PyTorch's two-thread operations (above 32k elements) wait for a descheduled OpenMP thread at
# every step, and its rate falls several-fold more than NeuroJoule's.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
NETS=${NETS:-cnn,braille}
ROUNDS=${ROUNDS:-3}
REPS=${REPS:-3}
RESET=${RESET:-zero}
BATCH=${BATCH:-auto}
PYTHON=${PYTHON:-/usr/bin/python3}
out=$root/benchmarks/target/simulation
mkdir -p "$out"
nir=$root/nir/src/test/resources/nir

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build NeuroJoule"
  ./mvnw -B -q -o -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
cp=${NJ_CLASSPATH:-"$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"}

rows=()
for net in ${NETS//,/ }; do
  case $net in
    cnn) model=$nir/cnn_sinabs.nir; n=${CNN_N:-256}; t=${CNN_T:-50}; dt=1e-3; p=${P:-0.05}
      step="34, 34, 2" ;;
    braille) model=$nir/braille_noDelay_bias_zero.nir; n=${BRAILLE_N:-16384}; t=${BRAILLE_T:-100}
      dt=1e-4; p=${P:-0.1}; step="12" ;;
    *) echo "unknown network $net (use cnn, braille)" >&2; exit 2 ;;
  esac
  data=$out/$net-events.npy
  "$PYTHON" -c "import numpy as np; r = np.random.default_rng(26); \
np.save('$data', (r.random(($n, $t, $step)) < $p).astype(np.float32))"
  for round in $(seq 1 "$ROUNDS"); do
    echo "== $net, round $round of $ROUNDS: NeuroJoule"
    java -XX:ActiveProcessorCount=2 -Xmx4g -cp "$cp" org.neurojoule.benchmarks.SimulationBenchmark \
      --model="$model" --data="$data" --dt=$dt --reset="$RESET" --reps="$REPS" --batch="$BATCH" \
      --out="$out/$net-neurojoule-$round.json" > /dev/null
    echo "== $net, round $round of $ROUNDS: PyTorch"
    "$PYTHON" "$root/benchmarks/simulation_torch.py" --model "$model" --data "$data" --dt $dt \
      --reset "$RESET" --reps "$REPS" --threads 2 --out "$out/$net-torch-$round.json" > /dev/null
  done
  rows+=("$net")
done

"$PYTHON" - "$out" "$ROUNDS" "${rows[@]}" <<'PY'
import json, statistics, sys, os, platform, datetime
out, rounds, nets = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
lines = [f"Spiking simulation, {platform.machine()}, {os.cpu_count()} CPUs, "
         f"{datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.1f}, "
         f"medians of {rounds} alternating rounds", "",
         "| model | N x T | NeuroJoule seq/s | PyTorch seq/s (2 threads) | ratio | per-round ratios |",
         "| --- | --- | --- | --- | --- | --- |"]
failed = False
for net in nets:
    nj = [json.load(open(f"{out}/{net}-neurojoule-{r}.json")) for r in range(1, rounds + 1)]
    pt = [json.load(open(f"{out}/{net}-torch-{r}.json")) for r in range(1, rounds + 1)]
    # Counts: every layer NeuroJoule names against the PyTorch node of that name.
    for r, (a, b) in enumerate(zip(nj, pt), 1):
        for layer, c in a["layers"].items():
            d = b["layers"].get(layer)
            if d is None:
                if c["spikes"] or c["events"]:
                    print(f"{net}: layer '{layer}' has counts in NeuroJoule but no PyTorch node")
                    failed = True
                continue
            for k in ("spikes", "events"):
                if abs(c[k] - d[k]) > 1e-6 * max(1.0, abs(d[k])):
                    print(f"{net} round {r}: layer '{layer}' {k}: NeuroJoule {c[k]}, PyTorch {d[k]}")
                    failed = True
    a, b = statistics.median(x["seq_per_s"] for x in nj), statistics.median(x["seq_per_s"] for x in pt)
    ratios = ", ".join(f"{x['seq_per_s'] / y['seq_per_s']:.2f}x" for x, y in zip(nj, pt))
    shape = nj[0]["shape"]
    lines.append(f"| {nj[0]['model']} | {shape[0]} x {shape[1]} | {a:,.1f} | {b:,.1f} | "
                 f"{a / b:.2f}x | {ratios} |")
lines.append("")
lines.append("Counts: " + ("DIFFER (see above)" if failed else
                           "every layer's spikes and synaptic events equal in every round"))
text = "\n".join(lines)
print(text)
open(f"{out}/simulation-side-by-side.md", "w").write(text + "\n")
sys.exit(1 if failed else 0)
PY
