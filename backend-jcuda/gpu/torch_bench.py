"""PyTorch side of the jcuda benchmarks (run by run-on-gpu.sh on the same GPU).

sgemm: torch.matmul of two 4096x4096 float32 matrices with TF32 disabled (full fp32, like our kernel).
seed: the EE559 seed network (Conv2d 3->64 k2s2, ReLU, Conv2d 64->256 k2s2, ReLU, ConvTranspose2d 256->64 k2s2,
ReLU, ConvTranspose2d 64->3 k2s2, Sigmoid), MSE, SGD lr 0.1, eager mode, one epoch of 50,000 3x32x32 images
(device-resident synthetic data, same as the Java benchmark), at batch 32 and 256. TF32 is off for convolutions
too, so both sides compute in fp32.
Writes a JSON object to argv[1] and prints one line per figure.
"""
import json
import sys
import time

import torch

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
dev = torch.device("cuda")
res = {"device": torch.cuda.get_device_name(0), "torch": torch.__version__}

n = 4096
a = torch.rand(n, n, device=dev)
b = torch.rand(n, n, device=dev)
for _ in range(3):
    a @ b
torch.cuda.synchronize()
reps = 20
t0 = time.perf_counter()
for _ in range(reps):
    a @ b
torch.cuda.synchronize()
dt = (time.perf_counter() - t0) / reps
res["sgemm_gflops"] = 2 * n ** 3 / dt / 1e9
print(f"torch sgemm 4096^3 fp32 (allow_tf32=False): {res['sgemm_gflops']:.0f} GFLOP/s")
del a, b

images = 50_000
g = torch.Generator(device=dev).manual_seed(1)
noisy = torch.rand(images, 3, 32, 32, device=dev, generator=g)
clean = torch.rand(images, 3, 32, 32, device=dev, generator=g)
for batch in (32, 256):
    torch.manual_seed(42)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(3, 64, 2, stride=2), torch.nn.ReLU(),
        torch.nn.Conv2d(64, 256, 2, stride=2), torch.nn.ReLU(),
        torch.nn.ConvTranspose2d(256, 64, 2, stride=2), torch.nn.ReLU(),
        torch.nn.ConvTranspose2d(64, 3, 2, stride=2), torch.nn.Sigmoid()).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    mse = torch.nn.MSELoss()

    def run(limit):
        loss = None
        for i, start in enumerate(range(0, images, batch)):
            if i == limit:
                break
            x, t = noisy[start:start + batch], clean[start:start + batch]
            opt.zero_grad()
            loss = mse(net(x), t)
            loss.backward()
            opt.step()
        return loss

    run(50)  # warm-up (cuDNN autotuning, allocator)
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    loss = run(-1)
    torch.cuda.synchronize()
    sec = time.perf_counter() - t0
    res[f"seed_b{batch}_s_per_epoch"] = sec
    print(f"torch eager seed net batch {batch}: {sec:.2f} s/epoch ({images / sec:.0f} images/s), final loss {loss.item():.5f}")

with open(sys.argv[1], "w") as f:
    json.dump(res, f, indent=1)
