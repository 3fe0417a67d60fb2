#!/usr/bin/env bash
# NeuroJoule's rates pass and TensorFlow (tf-bench) back to back on this machine, then the ratio
# NeuroJoule / TensorFlow for each network and batch, against both of TensorFlow's modes.
#   benchmarks/side-by-side.sh                 # all four networks, batches 1, 8, 32 (about 6 min)
#   NETS=vgg9,alexnet BATCHES=32 benchmarks/side-by-side.sh
#   AVX2=1 ROUNDS=3 NETS=mnist,vgg9,alexnet benchmarks/side-by-side.sh   # medians of 3 alternations
# Environment: NETS, BATCHES, TF_BENCH (tf-bench source, default ../shared/tools/tf-bench from the
# repository root; copied to benchmarks/target/tf-bench because run.sh writes into its folder),
# BENCH_GEMM (auto|java|native), BENCH_CONV (auto|dnnl|gemm), BENCH_PUBLIC (image counts of the
# public-path cases, one energy() call each, default 32,256; empty skips them), AVX2 (1 emulates an
# AVX2-only machine on a newer one, for both sides: ONEDNN_MAX_CPU_ISA=AVX2 and
# OPENBLAS_CORETYPE=Haswell for oneDNN and OpenBLAS, and -XX:UseAVX=2 for the JIT of both JVMs;
# TensorFlow's Eigen kernels are not limited by any of these), ROUNDS (see below). Output: the table, whose header
# names the limits in force, and benchmarks/target/side-by-side.md, neurojoule-results.json,
# tf-results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
NETS=${NETS:-mnist,vgg9,lcrm_vgg9,alexnet}
BATCHES=${BATCHES:-1,8,32}
TF_BENCH=${TF_BENCH:-$root/../shared/tools/tf-bench}
out=$root/benchmarks/target
mkdir -p "$out"
# With AVX2=1, the same limits for both sides: the variables are exported to both runs, the JIT
# flag goes to NeuroJoule's forked JVM through JAVA_TOOL_OPTIONS, to tf-bench's through JAVA_FLAGS.
tf_flags=${JAVA_FLAGS:-"-Xms1g -Xmx4g -XX:+UseTransparentHugePages"}
nj_tool_options=${JAVA_TOOL_OPTIONS:-}
if [ "${AVX2:-0}" = 1 ]; then
  export ONEDNN_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell
  tf_flags="$tf_flags -XX:UseAVX=2"
  nj_tool_options="$nj_tool_options -XX:UseAVX=2"
fi
tf_limits="ONEDNN_MAX_CPU_ISA=${ONEDNN_MAX_CPU_ISA:-not set},"
tf_limits+=" OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-not set}, JVM flags $tf_flags"

echo "== copy tf-bench from $TF_BENCH"
rm -rf "$out/tf-bench"
mkdir -p "$out/tf-bench"
cp -r "$TF_BENCH"/README.md "$TF_BENCH"/numpy_peak.py "$TF_BENCH"/pom.xml "$TF_BENCH"/run.sh \
  "$TF_BENCH"/src "$out/tf-bench/"

echo "== build NeuroJoule"
./mvnw -B -q -pl benchmarks -am install -DskipTests

# ROUNDS=n alternates the two sides n times (NeuroJoule, TensorFlow, NeuroJoule, ...): on a shared
# VM the load drifts by tens of percent within minutes, and the table then gives each cell's median
# over the rounds with the range of the per-round ratios.
ROUNDS=${ROUNDS:-1}
nj_files=()
tf_files=()
for round in $(seq 1 "$ROUNDS"); do
  suffix=$([ "$ROUNDS" = 1 ] && echo "" || echo "-$round")
  echo "== NeuroJoule rates pass${suffix:+ (round $round of $ROUNDS)}"
  JAVA_TOOL_OPTIONS="$nj_tool_options" ./mvnw -B -q -pl benchmarks exec:exec -Dbench.nets="$NETS" \
    -Dbench.batches="$BATCHES" -Dbench.gemm="${BENCH_GEMM:-auto}" \
    -Dbench.conv="${BENCH_CONV:-auto}" -Dbench.public="${BENCH_PUBLIC-32,256}" \
    -Dbench.out="$out/neurojoule-results$suffix.json"
  nj_files+=("$out/neurojoule-results$suffix.json")

  echo "== TensorFlow (tf-bench), right after"
  (cd "$out/tf-bench" && JAVA_FLAGS="$tf_flags" bash run.sh --nets "$NETS" --batches "$BATCHES" \
    --out "$out/tf-results$suffix.json")
  tf_files+=("$out/tf-results$suffix.json")
done

echo "== side by side"
TF_LIMITS="$tf_limits" python3 "$root/benchmarks/side_by_side.py" \
  "$(IFS=,; echo "${nj_files[*]}")" "$(IFS=,; echo "${tf_files[*]}")" | tee "$out/side-by-side.md"
