#!/usr/bin/env bash
# Runs ON the GPU machine from the bundle built by backend-jcuda/gpu/run.sh (no Java or Maven needed there):
#   1. the jcuda test suite: the whole conformance kit on jcuda, the device tests, 10,000-step memory-flat test,
#      and the host-side tests (JUnit console launcher, XML reports);
#   2. cnn4j verify --backends reference,jcuda (when the CLI was bundled);
#   3. benchmarks: own sgemm 4096^3 vs torch.matmul fp32 (allow_tf32=False), seed network s/epoch (50,000
#      3x32x32 images) at batch 32 and 256 vs PyTorch eager.
# Each stage has a timeout so the whole run fits one 600 s device call.
# CNN4J_GPU_REHEARSAL=1 rehearses the call on a machine without a GPU, against the emulated driver
# (LD_LIBRARY_PATH=<repo>/backend-jcuda/target/fake-cuda, built by backend-jcuda/cuda/emulated-driver.sh --build):
# the 10,000-step memory test is left out and the benchmarks shrink to sizes the CPU can emulate.
# Results go to $OUT (default ./gpu-results): summary.txt, junit/, *.json, *.log. Exit code: 1 if the tests or
# verify failed, else 0 (benchmark numbers are reported, not judged).
set -uo pipefail
B="$(cd "$(dirname "$0")" && pwd)"
OUT="${OUT:-$PWD/gpu-results}"
mkdir -p "$OUT"
JAVA="$B/jre/bin/java"
# explicit jar list: the JUnit launcher does not expand "lib/*" wildcards as java -cp does
CP="$B/test-classes:$(ls "$B"/lib/*.jar | tr '\n' ':')"
# the CLI without nd4j: its jar, lib/ (the project's jars and shared dependencies), then its own dependencies
CLI=("$JAVA" -Xmx8g -cp "$B/cli/cnn4j.jar:$(ls "$B"/lib/*.jar "$B"/cli/lib/*.jar 2>/dev/null | tr '\n' ':')" io.cnn4j.examples.cli.Cnn4j)
SUMMARY="$OUT/summary.txt"
EXCLUDE=(); BENCH=(); CLI_BENCH=()
if [ -n "${CNN4J_GPU_REHEARSAL:-}" ]; then
  EXCLUDE=(--exclude-classname '.*DeviceMemoryFlatTest')
  BENCH=(-Dcnn4j.bench.sgemmSize=256 -Dcnn4j.bench.seedImages=64)
  CLI_BENCH=(--warmup 1 --steps 1 --repeats 1)
fi
status=0
log() { echo "$@" | tee -a "$SUMMARY"; }

log "== environment${CNN4J_GPU_REHEARSAL:+ (REHEARSAL: emulated sizes, figures meaningless)}"
(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "nvidia-smi unavailable") | tee -a "$SUMMARY"
"$JAVA" -version 2>&1 | head -1 | tee -a "$SUMMARY"

log "== 1. jcuda tests (conformance kit, device tests, memory-flat, host tests)"
cd "$B"   # host tests read src/main/cuda relative to the working directory
timeout 330 "$JAVA" -Xmx8g -jar "$B/junit-console.jar" execute --class-path "$CP" --select-package io.cnn4j.jcuda "${EXCLUDE[@]}" \
    --reports-dir "$OUT/junit" --details=summary --details-theme=ascii --disable-banner > "$OUT/tests.log" 2>&1
rc=$?
grep -E "tests (successful|failed|skipped|aborted)|device-memory-flat" "$OUT/tests.log" | tee -a "$SUMMARY"
grep -E "device-memory-flat" "$OUT/tests.log" >/dev/null || grep -h "device-memory-flat" "$OUT"/junit/*.xml 2>/dev/null | head -1 | tee -a "$SUMMARY"
skip=$(grep -h -m1 -o "Assumption failed: jcuda GPU test skipped[^&<]*" "$OUT"/junit/*.xml 2>/dev/null | head -1)
[ -n "$skip" ] && log "note: GPU tests were skipped here -> $skip"
if [ $rc -ne 0 ]; then status=1; log "tests FAILED (rc=$rc): see tests.log"; grep -E "MethodSource|=>" "$OUT/tests.log" | head -40 | tee -a "$SUMMARY"; fi

log "== 2. cnn4j verify --backends reference,jcuda"
if [ -f "$B/cli/cnn4j.jar" ]; then
  timeout 120 "${CLI[@]}" verify --backends reference,jcuda > "$OUT/verify.log" 2>&1
  rc=$?
  tail -1 "$OUT/verify.log" | tee -a "$SUMMARY"
  [ $rc -eq 0 ] || { status=1; log "verify FAILED (rc=$rc): see verify.log"; }
else
  log "skipped: the CLI was not bundled (build examples/target/cnn4j.jar before backend-jcuda/gpu/run.sh)"
fi

log "== 3. benchmarks"
timeout 60 "$JAVA" -Xmx12g "${BENCH[@]}" -cp "$CP" io.cnn4j.jcuda.GpuBenchmarks sgemm "$OUT/jcuda-sgemm.json" 2>&1 | tee "$OUT/jcuda-sgemm.log" | tail -2 | tee -a "$SUMMARY"
timeout 60 "$JAVA" -Xmx12g "${BENCH[@]}" -cp "$CP" io.cnn4j.jcuda.GpuBenchmarks sgemm-variants "$OUT/jcuda-sgemm-variant.json" 2>&1 | tee "$OUT/jcuda-sgemm-variants.log" | grep tiles= | tee -a "$SUMMARY"
for batch in 32 256; do
  timeout 90 "$JAVA" -Xmx12g "${BENCH[@]}" -cp "$CP" io.cnn4j.jcuda.GpuBenchmarks seed "$batch" "$OUT/jcuda-seed-b$batch.json" 2>&1 | tee "$OUT/jcuda-seed-b$batch.log" | tail -1 | tee -a "$SUMMARY"
done
if [ -f "$B/cli/cnn4j.jar" ]; then
  timeout 60 "${CLI[@]}" bench --backend jcuda --model seed --batch 32 "${CLI_BENCH[@]}" --json "$OUT/cli-bench-jcuda.json" > "$OUT/cli-bench.log" 2>&1 \
    && tail -3 "$OUT/cli-bench.log" | tee -a "$SUMMARY"
fi
if python3 -c "import torch; assert torch.cuda.is_available()" 2>/dev/null; then
  timeout 120 python3 "$B/torch_bench.py" "$OUT/torch.json" 2>&1 | tee "$OUT/torch.log" | tee -a "$SUMMARY"
else
  log "PyTorch with CUDA not available: no PyTorch comparison"
fi
python3 - "$OUT" <<'PY' 2>/dev/null | tee -a "$SUMMARY"
import json, os, sys
out = sys.argv[1]
def load(n):
    p = os.path.join(out, n)
    return json.load(open(p)) if os.path.exists(p) else None
s, t = load("jcuda-sgemm.json"), load("torch.json")
print("== ratios")
if s and t:
    print(f"sgemm 4096^3 fp32: jcuda {s['gflops']:.0f} GFLOP/s, torch {t['sgemm_gflops']:.0f} GFLOP/s -> {100*s['gflops']/t['sgemm_gflops']:.0f} % of PyTorch (target >= 50 %)")
for b in (32, 256):
    j = load(f"jcuda-seed-b{b}.json")
    if j and t and f"seed_b{b}_s_per_epoch" in t:
        p = t[f"seed_b{b}_s_per_epoch"]
        print(f"seed net batch {b}: jcuda {j['s_per_epoch']:.2f} s/epoch, torch eager {p:.2f} s/epoch -> {j['s_per_epoch']/p:.2f}x (target <= 2x and <= 10 s)")
PY
log "== done (status $status); results in $OUT"
exit $status
