"""Peer: PyTorch training throughput of the project's default denoiser (UNet, widths
16/32/64) and WideUNet, using the project's own PyTorch twins (tools/pytorch/cnn4j_interop.py), Adam, batch 32,
32x32 crops, on the CPU. Usage: python3 unet_bench.py PROJECT_DIR unet|wide-unet THREADS  -> prints images/s median.
Env BENCH_STEPS (30), BENCH_REPEATS (5), BENCH_WARMUP (10)."""
import sys, time, os, torch, torch.nn as nn
sys.path.insert(0, os.path.join(sys.argv[1], "tools", "pytorch"))
from cnn4j_interop import UNet, WideUNet
model, threads = sys.argv[2], int(sys.argv[3])
torch.manual_seed(0); torch.set_num_threads(threads)
net = UNet() if model == "unet" else WideUNet()
opt = torch.optim.Adam(net.parameters(), lr=1e-3); loss_fn = nn.MSELoss()
x = torch.rand(32, 3, 32, 32); y = torch.rand(32, 3, 32, 32)
def step():
    opt.zero_grad(); loss = loss_fn(net(x), y); loss.backward(); opt.step()
steps, repeats, warmup = (int(os.environ.get(k, d)) for k, d in (("BENCH_STEPS", 30), ("BENCH_REPEATS", 5), ("BENCH_WARMUP", 10)))
for _ in range(warmup): step()
r = []
for rep in range(repeats):
    n = steps; t = time.perf_counter()
    for _ in range(n): step()
    r.append(32 * n / (time.perf_counter() - t))
r.sort()
print(f"torch {torch.__version__} {model} threads={threads} train images/s median={r[len(r) // 2]:.0f} min={r[0]:.0f} max={r[-1]:.0f}")
