#!/usr/bin/env bash
# One command for the ND4J performance table (docs/performance.md): builds the JMH benchmarks, runs
#   sgemm (GemmBench), Conv2d fwd and fwd+bwd on 4 shapes, cnn4j-on-nd4j vs libnd4j's conv2d/conv2d_bp ops on the
#   default and oneDNN-AVX512 natives (ConvBench), the seed-network training step on nd4j (threads 1 and default)
#   and on the reference backend (SeedNetBench), and the PyTorch peer (peers/seed_denoiser_bench.py, 1 and 2 threads),
# then prints a table of figures and ratios (report.py). All in one go, so the ratios come from one run.
#
# Usage: benchmarks/run-all.sh [quick]      (quick: fewer/shorter iterations, for a noisy shared machine)
# Env:   OUT=dir (results), JMH_EXTRA="..." (extra JMH flags), PYTHON=/usr/bin/python3, SKIP_TORCH=1
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)}
PYTHON=${PYTHON:-/usr/bin/python3}
mkdir -p "$OUT"
JMH_FLAGS=${JMH_EXTRA:-}
if [ "${1:-}" = quick ]; then JMH_FLAGS="-wi 2 -w 1 -i 3 -r 1 $JMH_FLAGS"; fi

echo "== building (mvn -Pbench-variants) ..."
mvn -B -q -pl benchmarks -am package -DskipTests -Pbench-variants dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
jmh() { java -cp "$CP" org.openjdk.jmh.Main "$@" $JMH_FLAGS -foe true; }

{ echo "date: $(date -u +%FT%TZ)"; echo "host: $(uname -n), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)";
  echo "load before: $(cat /proc/loadavg)"; java -version 2>&1 | head -1; } > "$OUT/machine.txt"

echo "== sgemm";            jmh GemmBench -rf json -rff "$OUT/gemm.json"
echo "== conv";             jmh ConvBench -rf json -rff "$OUT/conv.json"
echo "== seed net nd4j";    jmh SeedNetBench -p backend=nd4j -p threads=0,1 -p variant=${SEED_VARIANTS:-default,-avx512,-onednn,-onednn-avx512} -rf json -rff "$OUT/seed-nd4j.json"
echo "== seed net reference"; jmh SeedNetBench -p backend=reference -p threads=0 -rf json -rff "$OUT/seed-ref.json"
if [ -z "${SKIP_TORCH:-}" ] && "$PYTHON" -c "import torch" 2>/dev/null; then
  for t in 1 2; do echo "== PyTorch peer, $t thread(s)"; "$PYTHON" benchmarks/peers/seed_denoiser_bench.py "$t" | tee "$OUT/torch-$t.txt"; done
else
  echo "PyTorch not available (apt-get install -y python3-torch); skipping the peer" | tee "$OUT/torch-missing.txt"
fi
echo "load after: $(cat /proc/loadavg)" >> "$OUT/machine.txt"
"$PYTHON" benchmarks/report.py "$OUT" | tee "$OUT/report.txt"
