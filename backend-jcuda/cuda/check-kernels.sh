#!/usr/bin/env bash
# Checks that the committed PTX matches src/main/cuda. Two levels:
#  1. always (no nvcc needed): the SHA-256 of every .cu/.cuh equals the committed kernels.manifest, and no
#     source is missing from or extra to it -> catches "edited a kernel, forgot to rebuild".
#  2. when nvcc is on PATH and has the manifest's version: rebuilds into a temp dir and compares every PTX
#     byte for byte (PTX is deterministic). With another nvcc version level 2 is skipped with a message,
#     since a different compiler legitimately emits different PTX.
#  3. when ptxas is on PATH: assembles every committed PTX for the real GPU of its architecture (compute_XY ->
#     sm_XY) as the driver's JIT will, and fails on an assembler error or on register spills (local-memory
#     traffic the tiles were sized to avoid).
# Exit 0 = up to date (or level 2 skipped), 1 = stale, 2 = usage/environment error.
set -euo pipefail
MODULE_DIR="$(cd "$(dirname "$0")/.." && pwd)"
source "$MODULE_DIR/cuda/kernels.env"
manifest="$OUT_DIR/kernels.manifest"
[ -f "$manifest" ] || { echo "check-kernels: $manifest missing; run backend-jcuda/cuda/build-kernels.sh" >&2; exit 1; }

status=0
cd "$SRC_DIR"
expected=$(grep '^source ' "$manifest" | LC_ALL=C sort)
actual=$(for f in $(ls *.cu *.cuh | LC_ALL=C sort); do echo "source $f $(sha256sum "$f" | cut -d' ' -f1)"; done | LC_ALL=C sort)
if [ "$expected" != "$actual" ]; then
  echo "check-kernels: kernel sources differ from the committed manifest:" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  echo "check-kernels: run backend-jcuda/cuda/build-kernels.sh and commit the result" >&2
  status=1
else
  echo "check-kernels: sources match kernels.manifest"
fi

PTXAS="${PTXAS:-ptxas}"
if command -v "$PTXAS" >/dev/null; then
  for ptx in "$OUT_DIR"/compute_*/*.ptx; do
    arch=$(basename "$(dirname "$ptx")"); sm="sm_${arch#compute_}"
    if ! info=$("$PTXAS" -arch="$sm" -v -o /dev/null "$ptx" 2>&1); then
      echo "check-kernels: ptxas -arch=$sm failed on $ptx:" >&2; echo "$info" >&2; status=1; continue
    fi
    spills=$(echo "$info" | grep -E '[1-9][0-9]* bytes spill (stores|loads)' || true)
    if [ -n "$spills" ]; then echo "check-kernels: register spills in $ptx for $sm:" >&2; echo "$spills" >&2; status=1; fi
  done
  [ $status -eq 0 ] && echo "check-kernels: every PTX assembles for its sm_XY with ptxas, without register spills"
else
  echo "check-kernels: ptxas not found; skipping the assembly check"
fi

NVCC="${NVCC:-nvcc}"
if ! command -v "$NVCC" >/dev/null; then
  echo "check-kernels: nvcc not found; skipping the PTX rebuild comparison"
  exit $status
fi
want=$(grep '^nvcc ' "$manifest" | cut -d' ' -f2)
have=$("$NVCC" --version | grep -o 'V[0-9.]*' | tail -1)
if [ "$want" != "$have" ]; then
  echo "check-kernels: committed PTX was built by nvcc $want, this is $have; skipping the byte comparison"
  exit $status
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
OUT_DIR="$tmp" NVCC="$NVCC" bash "$MODULE_DIR/cuda/build-kernels.sh" >/dev/null
if diff -r "$tmp" "$OUT_DIR" >/dev/null; then
  echo "check-kernels: rebuilt PTX is byte-identical to the committed PTX (nvcc $have)"
else
  echo "check-kernels: committed PTX differs from a fresh nvcc $have build:" >&2
  diff -rq "$tmp" "$OUT_DIR" >&2 || true
  status=1
fi
exit $status
