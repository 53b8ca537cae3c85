#!/usr/bin/env bash
# Runs every CUDA kernel of backend-jcuda on the CPU (cuda/emulate/emu.h: a small emulation of blocks,
# threads, __shared__ and __syncthreads) against naive C++ definitions. Needs only g++ >= 11 (C++20); no GPU,
# no nvcc. Exit 0 = all checks passed; 2 = no suitable compiler (skip).
set -euo pipefail
DIR="$(cd "$(dirname "$0")/emulate" && pwd)"
CXX="${CXX:-g++}"
command -v "$CXX" >/dev/null || { echo "emulate-kernels: $CXX not found; skipping"; exit 2; }
bin="$(mktemp -d)/kernels_test"
trap 'rm -rf "$(dirname "$bin")"' EXIT
"$CXX" -std=c++20 -O1 -pthread -w -o "$bin" "$DIR/kernels_test.cpp"
"$bin"
