#!/usr/bin/env bash
# NeuroJoule's rates pass and TensorFlow (tf-bench) back to back on this machine, then the ratio
# NeuroJoule / TensorFlow for each network and batch, against both of TensorFlow's modes.
#   benchmarks/side-by-side.sh                 # all four networks, batches 1, 8, 32 (about 6 min)
#   NETS=vgg9,alexnet BATCHES=32 benchmarks/side-by-side.sh
# Environment: NETS, BATCHES, TF_BENCH (tf-bench source, default ../shared/tools/tf-bench from the
# repository root; copied to benchmarks/target/tf-bench because run.sh writes into its folder),
# BENCH_GEMM (auto|java|native), BENCH_CONV (auto|dnnl|gemm), BENCH_PUBLIC (image counts of the
# public-path cases, one energy() call each, default 32,256; empty skips them). Output: the table, and
# benchmarks/target/side-by-side.md, neurojoule-results.json, tf-results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
NETS=${NETS:-mnist,vgg9,lcrm_vgg9,alexnet}
BATCHES=${BATCHES:-1,8,32}
TF_BENCH=${TF_BENCH:-$root/../shared/tools/tf-bench}
out=$root/benchmarks/target
mkdir -p "$out"

echo "== copy tf-bench from $TF_BENCH"
rm -rf "$out/tf-bench"
mkdir -p "$out/tf-bench"
cp -r "$TF_BENCH"/README.md "$TF_BENCH"/numpy_peak.py "$TF_BENCH"/pom.xml "$TF_BENCH"/run.sh \
  "$TF_BENCH"/src "$out/tf-bench/"

echo "== build NeuroJoule"
mvn -B -q -pl benchmarks -am install -DskipTests

echo "== NeuroJoule rates pass"
mvn -B -q -pl benchmarks exec:exec -Dbench.nets="$NETS" -Dbench.batches="$BATCHES" \
  -Dbench.gemm="${BENCH_GEMM:-auto}" -Dbench.conv="${BENCH_CONV:-auto}" \
  -Dbench.public="${BENCH_PUBLIC-32,256}" -Dbench.out="$out/neurojoule-results.json"

echo "== TensorFlow (tf-bench), right after"
(cd "$out/tf-bench" && bash run.sh --nets "$NETS" --batches "$BATCHES" --out "$out/tf-results.json")

echo "== side by side"
python3 "$root/benchmarks/side_by_side.py" "$out/neurojoule-results.json" "$out/tf-results.json" \
  | tee "$out/side-by-side.md"
