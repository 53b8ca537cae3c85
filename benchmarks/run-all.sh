#!/usr/bin/env bash
# One interleaved training-speed comparison of cnn4j with its peers, measured in the same window:
# for each model (seed, unet, wide-unet), ROUNDS rounds of
#   cnn4j on nd4j, cnn4j on the reference backend   (./cnn4j bench ..., with the launcher's defaults: on a machine
#                                                    with at most 2 cores OMP_NUM_THREADS=1, as a user gets them)
#   PyTorch (python3-torch) at 1 and 2 threads      (peers/seed_denoiser_bench.py, peers/unet_bench.py)
#   DJL 0.32 + PyTorch 2.5.1 at 1 and 2 threads     (io.cnn4j.benchmarks.peers.DjlPeer, profile -Ppeers)
# one after the other (A B A B ...), with the 1-minute load average before and after each run. Then report.py
# prints and writes $OUT/report.md: median training images/s per (model, contestant), cnn4j-nd4j / best peer,
# and VOID next to any peer result below 70 % of its known quiet figure. A one-core sgemm probe
# (peers/machine_probe.py) runs before and after, to tell a busy machine from a peer that is slow on this CPU.
#
# Usage: benchmarks/run-all.sh            the comparison
#        benchmarks/run-all.sh --jmh [quick]   the JMH suite instead (sgemm, conv, seed step; jmh_report.py)
# Env:   ROUNDS=N (2)  MODELS="seed unet wide-unet"  QUICK=1 (a few steps per run, for smoke tests)
#        THREADS="1 2" (peer thread counts)  OUT=dir  PYTHON=/usr/bin/python3  MVN_FLAGS="-o" (extra mvn flags)
#        SKIP_BUILD=1  SKIP_TORCH=1  SKIP_DJL=1  SKIP_REFERENCE=1
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${OUT:-benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)}
PYTHON=${PYTHON:-/usr/bin/python3}
ROUNDS=${ROUNDS:-2}
MODELS=${MODELS:-seed unet wide-unet}
THREADS=${THREADS:-1 2}
QUICK=${QUICK:-}
MVN_FLAGS=${MVN_FLAGS:-}
mkdir -p "$OUT/logs"
load1() { cut -d' ' -f1 /proc/loadavg; }

if [ "${1:-}" = --jmh ]; then
  set -e
  JMH_FLAGS=${JMH_EXTRA:-}
  if [ "${2:-}" = quick ]; then JMH_FLAGS="-wi 2 -w 1 -i 3 -r 1 $JMH_FLAGS"; fi
  echo "== building (mvn -Pbench-variants) ..."
  mvn -B -q $MVN_FLAGS -pl benchmarks -am package -DskipTests -Pbench-variants dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
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
  fi
  echo "load after: $(cat /proc/loadavg)" >> "$OUT/machine.txt"
  "$PYTHON" benchmarks/jmh_report.py "$OUT" | tee "$OUT/report.txt"
  exit 0
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building cnn4j.jar and the benchmarks with the DJL peer (mvn -Ppeers) ..."
  mvn -B -q $MVN_FLAGS -DskipTests -Dmaven.source.skip -Dmaven.javadoc.skip -Ppeers -pl examples,benchmarks -am \
      package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt || { echo "build failed"; exit 1; }
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
[ -f examples/target/cnn4j.jar ] || { echo "examples/target/cnn4j.jar missing"; exit 1; }

if [ -z "${SKIP_DJL:-}" ] && [ ! -f benchmarks/target/classes/io/cnn4j/benchmarks/peers/DjlPeer.class ]; then
  echo "the DJL peer is not built (it needs mvn -Ppeers; run without SKIP_BUILD): skipping it"; SKIP_DJL=1
fi
HAVE_TORCH=
if [ -z "${SKIP_TORCH:-}" ] && "$PYTHON" -c "import torch" 2>/dev/null; then HAVE_TORCH=1
  TORCH_VERSION=$("$PYTHON" -c "import torch; print(torch.__version__)")
  # Debian's python3-torch calls the system libblas.so.3; with only the netlib reference BLAS (libblas3) installed
  # it runs several times slower than its quiet figures (measured: seed 152 instead of about 650 images/s).
  TORCH_BLAS=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)
  case $TORCH_BLAS in
    */openblas*|*/blis*|*/mkl*) ;;
    *) echo "WARNING: libblas.so.3 is $TORCH_BLAS, not an optimised BLAS: PyTorch (python3-torch) will run far below its"
       echo "         quiet figures and its ratios are void; install one (apt-get install -y libopenblas0-pthread)" ;;
  esac
  TORCH_VERSION="$TORCH_VERSION, BLAS $TORCH_BLAS"
else echo "PyTorch not available for $PYTHON (apt-get install -y python3-torch): skipping it"; TORCH_VERSION=none; fi

if [ -n "$QUICK" ]; then
  CNN4J_ARGS="--steps 3 --warmup 1 --repeats 1"; DJL_ARGS="3 1 1"
  export BENCH_STEPS=3 BENCH_REPEATS=1 BENCH_WARMUP=1
else CNN4J_ARGS=""; DJL_ARGS=""; fi

{ echo "date: $(date -u +%FT%TZ)"; echo "host: $(uname -n), $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
  echo "java: $(java -version 2>&1 | head -1)"; echo "pytorch (python): $TORCH_VERSION"; echo "djl: 0.32.0, libtorch 2.5.1 (cpu)"
  echo "rounds: $ROUNDS, models: $MODELS, peer threads: $THREADS${QUICK:+, QUICK (a few steps per run: smoke test, not a measurement)}"
  echo "load before: $(cat /proc/loadavg)"; } > "$OUT/machine.txt"
# One core's speed before and after (peers/machine_probe.py): a busy machine shows here as well as in the peers.
probe() { [ -n "$HAVE_TORCH" ] && echo "probe $1: $("$PYTHON" benchmarks/peers/machine_probe.py 2>&1 | tail -1)" >> "$OUT/machine.txt"; }
probe before
cat "$OUT/machine.txt"
printf 'model\tcontestant\tthreads\tround\ttrain_images_per_s\tload_before\tload_after\n' > "$OUT/results.tsv"

# Known quiet figures (training images/s) of the peers; a result below 70 % of one is VOID.
quiet() {
  case "$2 $3 $1" in
    "pytorch 1 seed") echo 1250 ;; "pytorch 1 unet") echo 552 ;; "pytorch 1 wide-unet") echo 251 ;;
    "djl 2 seed") echo 1300 ;;
  esac
}

# run MODEL CONTESTANT THREADS ROUND KIND -- command...   (KIND: json:FILE | torch | djl)
run() {
  local model=$1 who=$2 t=$3 round=$4 kind=$5; shift 6
  local log="$OUT/logs/$model-$who-t$t-r$round.txt" before after v=
  before=$(load1)
  echo "-- $model $who threads=$t round $round: load before $before"
  "$@" > "$log" 2>&1
  local rc=$?
  after=$(load1)
  case $kind in
    json:*) [ $rc -eq 0 ] && v=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["train_images_per_s"])' "${kind#json:}" 2>/dev/null) ;;
    torch)  v=$(sed -n 's/.*median=\([0-9.]*\).*/\1/p' "$log" | tail -1) ;;
    djl)    v=$(sed -n 's/^RESULT .*train_images_per_s=\([0-9.]*\).*/\1/p' "$log" | tail -1) ;;
  esac
  if [ $rc -ne 0 ] || [ -z "$v" ]; then echo "   FAILED (rc $rc), see $log"; tail -5 "$log" | sed 's/^/   | /'; v=FAILED; fi
  [ "$kind" = djl ] && grep -h '^RESULT' "$log" | sed 's/^/   /'
  local note= q
  if [ "$v" != FAILED ]; then
    v=$(printf '%.1f' "$v")
    q=$(quiet "$model" "$who" "$t")
    if [ -n "$q" ]; then
      note=$(awk -v v="$v" -v q="$q" 'BEGIN { printf "(%.0f%% of quiet %d)%s", 100 * v / q, q, v < 0.7 * q ? " VOID" : "" }')
    elif [ "${who#cnn4j}" = "$who" ]; then note="(no reference)"; fi
  fi
  echo "   train images/s: $v $note   load after $after"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$model" "$who" "$t" "$round" "$v" "$before" "$after" >> "$OUT/results.tsv"
}

# cnn4j is timed like the peers: as many timed steps per repetition as the PyTorch scripts (seed 100, U-Nets 30,
# 5 repetitions), after 20 warm-up steps (the nd4j backend settles its convolution choices in the first 10).
peer_steps() {
  [ -n "$QUICK" ] && return
  if [ "$1" = seed ]; then echo "--warmup 20 --steps 100"; else echo "--warmup 20 --steps 30"; fi
}

for model in $MODELS; do
  echo "== $model"
  for round in $(seq 1 "$ROUNDS"); do
    json="$OUT/logs/$model-cnn4j-nd4j-r$round.json"
    run "$model" cnn4j-nd4j launcher "$round" "json:$json" -- ./cnn4j bench --model "$model" --backend nd4j --json "$json" $(peer_steps "$model") $CNN4J_ARGS
    if [ -z "${SKIP_REFERENCE:-}" ]; then
      json="$OUT/logs/$model-cnn4j-reference-r$round.json"
      run "$model" cnn4j-reference launcher "$round" "json:$json" -- ./cnn4j bench --model "$model" --backend reference --json "$json" $(peer_steps "$model") $CNN4J_ARGS
    fi
    for t in $THREADS; do
      if [ -n "$HAVE_TORCH" ]; then
        if [ "$model" = seed ]; then
          run "$model" pytorch "$t" "$round" torch -- env OMP_NUM_THREADS="$t" "$PYTHON" benchmarks/peers/seed_denoiser_bench.py "$t"
        else
          run "$model" pytorch "$t" "$round" torch -- env OMP_NUM_THREADS="$t" "$PYTHON" benchmarks/peers/unet_bench.py "$ROOT" "$model" "$t"
        fi
      fi
      if [ -z "${SKIP_DJL:-}" ]; then
        run "$model" djl "$t" "$round" djl -- env OMP_NUM_THREADS="$t" java -Dai.djl.offline=true -DDJL_CACHE_DIR=benchmarks/target/djl-cache \
            -cp "$CP" io.cnn4j.benchmarks.peers.DjlPeer "$model" "$t" $DJL_ARGS
      fi
    done
  done
done
echo "load after: $(cat /proc/loadavg)" >> "$OUT/machine.txt"
probe after
echo
"$PYTHON" benchmarks/report.py "$OUT"
