#!/usr/bin/env python3
"""How fast one core of this machine is right now: single-thread float32 matrix products (1024x1024 by 1024x1024,
PyTorch's CPU BLAS), five 1-second windows, median GFLOP/s. benchmarks/run-all.sh records it before and after a
comparison. It tells a busy machine (the probe far below its idle figure) from a peer that is slow on this CPU
(the probe at its idle figure while the peer is below its quiet figure).

Usage: /usr/bin/python3 machine_probe.py        prints: probe sgemm 1 thread n=1024 median=G min=G max=G GFLOP/s"""
import statistics
import time

import torch

torch.set_num_threads(1)
N = 1024
a, b = torch.randn(N, N), torch.randn(N, N)
for _ in range(5):
    a @ b
rates = []
for _ in range(5):
    t0, reps = time.perf_counter(), 0
    while time.perf_counter() - t0 < 1.0:
        a @ b
        reps += 1
    rates.append(2 * N ** 3 * reps / (time.perf_counter() - t0) / 1e9)
try:
    capability = torch.backends.cpu.get_cpu_capability()
except AttributeError:  # PyTorch before 2.0
    capability = next((l.split(":")[1].strip() for l in torch.__config__.show().splitlines()
                       if "CPU capability usage" in l), "unknown")
print(f"probe sgemm 1 thread n={N} median={statistics.median(rates):.0f} min={min(rates):.0f} "
      f"max={max(rates):.0f} GFLOP/s (torch {torch.__version__}, CPU capability {capability})")
