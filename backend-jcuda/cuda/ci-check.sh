#!/usr/bin/env bash
# CI entry for the jcuda kernels (the integrator calls it from .ci/run):
#   bash backend-jcuda/cuda/ci-check.sh
# 1. check-kernels.sh: committed PTX matches src/main/cuda (source hashes always; byte-identical rebuild when
#    the same nvcc version is on PATH; skipped with a message otherwise).
# 2. emulate-kernels.sh: every kernel run on the CPU against naive definitions (needs g++ >= 11; skipped with
#    a message otherwise). About 5 s.
# 3. emulated-driver.sh: the conformance kit, the device tests and `cnn4j verify --backends reference,jcuda`
#    through the real JCuda native library on an emulated libcuda.so.1 (g++; about 1 minute).
# Exit 1 if any check fails; 0 if they pass or were skipped for lack of a tool.
set -uo pipefail
D="$(cd "$(dirname "$0")" && pwd)"
bash "$D/check-kernels.sh" || exit 1
bash "$D/emulate-kernels.sh"
rc=$?
if [ $rc -eq 2 ]; then echo "ci-check: kernel emulation skipped (no C++20 compiler)"; elif [ $rc -ne 0 ]; then exit 1; fi
bash "$D/emulated-driver.sh"
rc=$?
if [ $rc -eq 2 ]; then echo "ci-check: emulated-driver run skipped (no C++20 compiler or binutils)"; elif [ $rc -ne 0 ]; then exit 1; fi
echo "ci-check: jcuda kernels OK"
