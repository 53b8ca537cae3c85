#!/usr/bin/python3
"""Trains a PyTorch twin of a cnn4j denoiser on the bundled photos and scores it like `cnn4j denoise`.

  /usr/bin/python3 tools/pytorch/train_twin.py MODEL [STEPS] [SEED]      MODEL: unet | wide-unet | unet-concat

Same recipe as the cnn4j default run: random 32x32 crops of the train photos (image chosen uniformly), fresh
Gaussian noise sigma = 25/255 each batch, batch 32, MSE (mean), Adam 1e-3 with cosine decay over STEPS (default
2000), PyTorch's default initialisation, one CPU thread. Evaluation: val photos + sigma*N(0,1) (not clipped; a numpy
draw, so not the exact noise of cnn4j's seeded draw), output clipped to [0, 1], reflection padding on the
bottom/right to a multiple of 4 then crop back; mean PSNR over full images and over all non-overlapping 32x32 tiles
from the top-left corner. Used to tell implementation problems (cnn4j vs PyTorch on the same architecture) from
architecture/recipe limits; see docs/user-guide.md ("Measured results").
"""
import glob, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cnn4j_interop import UNet, WideUNet  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "src", "main", "resources", "data", "images")


class UNetConcat(nn.Module):
    """UNet's layout (widths 16/32/64) with concatenation skips: one 3x3 conv per decoder level takes [up, skip]."""

    def __init__(self, c=16):
        super().__init__()
        C = nn.Conv2d
        self.e1 = nn.Sequential(C(3, c, 3, padding=1), nn.ReLU(), C(c, c, 3, padding=1), nn.ReLU())
        self.e2 = nn.Sequential(C(c, 2 * c, 2, stride=2), nn.ReLU(), C(2 * c, 2 * c, 3, padding=1), nn.ReLU())
        self.m = nn.Sequential(C(2 * c, 4 * c, 2, stride=2), nn.ReLU(), C(4 * c, 4 * c, 3, padding=1), nn.ReLU(),
                               C(4 * c, 4 * c, 3, padding=1), nn.ReLU())
        self.u2, self.d2 = nn.ConvTranspose2d(4 * c, 2 * c, 2, stride=2), nn.Sequential(C(4 * c, 2 * c, 3, padding=1), nn.ReLU())
        self.u1, self.d1 = nn.ConvTranspose2d(2 * c, c, 2, stride=2), nn.Sequential(C(2 * c, c, 3, padding=1), nn.ReLU())
        self.o = C(c, 3, 1)

    def forward(self, x):
        a = self.e1(x)
        b = self.e2(a)
        d = self.d2(torch.cat([self.u2(self.m(b)), b], 1))
        return x + self.o(self.d1(torch.cat([self.u1(d), a], 1)))


def load(folder):
    return [np.asarray(Image.open(f).convert("RGB"), dtype=np.float32) / 255.0 for f in sorted(glob.glob(folder + "/*.png"))]


def psnr(out, clean):
    return 10 * math.log10(1 / np.mean((np.clip(out, 0, 1) - clean) ** 2))


def main():
    name = sys.argv[1]
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    net = {"unet": lambda: UNet(16), "wide-unet": lambda: WideUNet(32), "unet-concat": lambda: UNetConcat(16)}[name]()
    train, val = load(DATA + "/train"), load(DATA + "/val")
    print(name, sum(p.numel() for p in net.parameters()), "parameters", flush=True)
    opt = torch.optim.Adam(net.parameters(), 1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    rng, sigma, t0 = np.random.default_rng(seed), 25 / 255.0, time.time()
    for step in range(steps):
        crops = []
        for _ in range(32):
            im = train[rng.integers(len(train))]
            y, x = rng.integers(im.shape[0] - 31), rng.integers(im.shape[1] - 31)
            crops.append(im[y:y + 32, x:x + 32].transpose(2, 0, 1))
        clean = torch.from_numpy(np.stack(crops))
        loss = ((net(clean + sigma * torch.randn_like(clean)) - clean) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 250 == 0:
            print(step, loss.item(), round(time.time() - t0), flush=True)
    train_s = time.time() - t0
    eval_rng, full, tiles = np.random.default_rng(1234), [], []
    with torch.no_grad():
        for im in val:
            h, w, _ = im.shape
            noisy = torch.from_numpy((im + sigma * eval_rng.standard_normal(im.shape).astype(np.float32)).transpose(2, 0, 1))[None]
            padded = torch.nn.functional.pad(noisy, (0, (-w) % 4, 0, (-h) % 4), mode="reflect")
            full.append(psnr(net(padded)[0, :, :h, :w].numpy().transpose(1, 2, 0), im))
            at = [(y, x) for y in range(0, h - 31, 32) for x in range(0, w - 31, 32)]
            out = net(torch.stack([noisy[0, :, y:y + 32, x:x + 32] for y, x in at])).numpy()
            tiles += [psnr(out[i].transpose(1, 2, 0), im[y:y + 32, x:x + 32]) for i, (y, x) in enumerate(at)]
    print(f"{name} {steps} steps: full {np.mean(full):.2f} dB, tiles {np.mean(tiles):.2f} dB, training {train_s:.0f} s", flush=True)


if __name__ == "__main__":
    main()
