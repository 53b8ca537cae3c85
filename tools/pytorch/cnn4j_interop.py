#!/usr/bin/python3
"""PyTorch <-> cnn4j interop for the demo models (UNet denoiser, EE559 seed net).

Runs with Debian's PyTorch 1.13 (apt-get install -y python3-torch; /usr/bin/python3). The safetensors format
(u64 little-endian header length, JSON header, raw little-endian data) is read and written by hand below, so the
`safetensors` Python package is not needed.

  make  OUT_DIR   build UNet(width 4) and the seed net with torch.manual_seed(0), save each state_dict as
                  <name>.safetensors and an input and its output as <name>-io.safetensors (what the cnn4j test
                  PyTorchInteropTest loads and compares)
  check FILE IO   load a cnn4j-written checkpoint FILE into the PyTorch twin (load_state_dict, strict=True), run
                  IO's "input" and compare with IO's "output" (written by cnn4j); exit 1 on mismatch
"""
import json, struct, sys
import torch
import torch.nn as nn

# ---------------------------------------------------------------- safetensors by hand

_DT = {torch.float32: "F32", torch.float64: "F64"}
_TD = {"F32": torch.float32, "F64": torch.float64}


def save_safetensors(path, tensors, metadata=None):
    header, blobs, off = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        data = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": _DT[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(data)]}
        blobs.append(data)
        off += len(data)
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    out = {}
    for name, e in header.items():
        b, end = e["data_offsets"]
        t = torch.frombuffer(bytearray(data[b:end]), dtype=_TD[e["dtype"]]).reshape(e["shape"])
        out[name] = t.clone()
    return out, meta

# ---------------------------------------------------------------- the models (twins of the cnn4j classes)


class UNet(nn.Module):
    """Twin of io.cnn4j.examples.models.UNet (same field names = same state_dict keys); depth = downsamplings."""

    def __init__(self, c=16, depth=2):
        super().__init__()
        self.depth = depth
        self.enc1a = nn.Conv2d(3, c, 3, padding=1)
        self.enc1b = nn.Conv2d(c, c, 3, padding=1)
        for l in range(2, depth + 1):
            setattr(self, f"down{l - 1}", nn.Conv2d(c << (l - 2), c << (l - 1), 2, stride=2))
            setattr(self, f"enc{l}", nn.Conv2d(c << (l - 1), c << (l - 1), 3, padding=1))
        bottom = c << depth
        setattr(self, f"down{depth}", nn.Conv2d(bottom // 2, bottom, 2, stride=2))
        self.mid1 = nn.Conv2d(bottom, bottom, 3, padding=1)
        self.mid2 = nn.Conv2d(bottom, bottom, 3, padding=1)
        for l in range(depth, 0, -1):
            out = c << (l - 1)
            setattr(self, f"up{l}", nn.ConvTranspose2d(2 * out, out, 2, stride=2))
            setattr(self, f"dec{l}", nn.Conv2d(out, out, 3, padding=1))
        self.out = nn.Conv2d(c, 3, 1)

    def forward(self, x):
        r = torch.relu
        skips = [r(self.enc1b(r(self.enc1a(x))))]
        for l in range(2, self.depth + 1):
            skips.append(r(getattr(self, f"enc{l}")(r(getattr(self, f"down{l - 1}")(skips[-1])))))
        h = r(self.mid2(r(self.mid1(r(getattr(self, f"down{self.depth}")(skips[-1]))))))
        for l in range(self.depth, 0, -1):
            h = r(getattr(self, f"dec{l}")(getattr(self, f"up{l}")(h) + skips[l - 1]))
        return x + self.out(h)


class WideUNet(nn.Module):
    """Twin of io.cnn4j.examples.models.WideUNet (one downsampling, width c at full resolution)."""

    def __init__(self, c=32):
        super().__init__()
        self.enc1a = nn.Conv2d(3, c, 3, padding=1)
        self.enc1b = nn.Conv2d(c, c, 3, padding=1)
        self.down = nn.Conv2d(c, 2 * c, 2, stride=2)
        self.mid1 = nn.Conv2d(2 * c, 2 * c, 3, padding=1)
        self.mid2 = nn.Conv2d(2 * c, 2 * c, 3, padding=1)
        self.up = nn.ConvTranspose2d(2 * c, c, 2, stride=2)
        self.dec1a = nn.Conv2d(c, c, 3, padding=1)
        self.dec1b = nn.Conv2d(c, c, 3, padding=1)
        self.out = nn.Conv2d(c, 3, 1)

    def forward(self, x):
        r = torch.relu
        s1 = r(self.enc1b(r(self.enc1a(x))))
        m = r(self.mid2(r(self.mid1(r(self.down(s1))))))
        d = r(self.dec1b(r(self.dec1a(self.up(m) + s1))))
        return x + self.out(d)


def seed_net():
    """Twin of io.cnn4j.examples.models.SeedNet (nn.Sequential keys 0.weight ... 6.bias)."""
    return nn.Sequential(nn.Conv2d(3, 64, 2, stride=2), nn.ReLU(), nn.Conv2d(64, 256, 2, stride=2), nn.ReLU(),
                         nn.ConvTranspose2d(256, 64, 2, stride=2), nn.ReLU(), nn.ConvTranspose2d(64, 3, 2, stride=2), nn.Sigmoid())


def build(name):
    if name.startswith("wide-unet"):
        return WideUNet(int(name.split("-w")[-1]) if name != "wide-unet" else 32)
    if name.startswith("unet"):  # unet, unet-wC, unet-wC-dD
        width, depth = 16, 2
        for part in name.split("-")[1:]:
            if part.startswith("w"):
                width = int(part[1:])
            elif part.startswith("d"):
                depth = int(part[1:])
        return UNet(width, depth)
    if name == "seed":
        return seed_net()
    raise SystemExit("unknown model " + name)

# ---------------------------------------------------------------- commands


def make(out_dir):
    torch.manual_seed(0)
    for name, shape in (("unet-w4", (2, 3, 12, 16)), ("seed", (2, 3, 8, 12)), ("wide-unet-w4", (2, 3, 6, 10))):
        net = build(name).eval()
        x = torch.rand(*shape) * 1.2 - 0.1  # like a noisy image: a little outside [0, 1]
        with torch.no_grad():
            y = net(x)
        meta = {"model": name.rsplit("-w", 1)[0] if "-w" in name else name, "producer": "tools/pytorch/cnn4j_interop.py make", "torch": torch.__version__}
        save_safetensors(f"{out_dir}/{name}.safetensors", net.state_dict(), meta)
        save_safetensors(f"{out_dir}/{name}-io.safetensors", {"input": x, "output": y}, {"model": name})  # the full name (with width) so `check` rebuilds the right size
        print(f"{name}: {sum(p.numel() for p in net.parameters())} parameters, keys {list(net.state_dict().keys())}")


def check(ckpt, io_path):
    state, meta = load_safetensors(ckpt)
    io, io_meta = load_safetensors(io_path)
    name = io_meta.get("model", meta.get("model", "unet"))
    net = build(name).eval()
    net.load_state_dict(state, strict=True)  # raises on any missing/unexpected key or shape mismatch
    with torch.no_grad():
        y = net(io["input"].float())
    ref = io["output"].float()
    rel = ((y - ref).norm() / ref.norm()).item()
    print(f"{ckpt}: loaded into PyTorch {name} (strict), {len(state)} tensors; output rel. error vs cnn4j = {rel:.2e}")
    if not rel <= 1e-5:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "make":
        make(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        print(__doc__)
        sys.exit(2)
