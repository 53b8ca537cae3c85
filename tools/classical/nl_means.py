"""NL-means (scikit-image) on a folder of photos under cnn4j's denoising protocol: the classical baseline that
cnn4j's denoisers are compared with.

    /usr/bin/python3 tools/classical/nl_means.py examples/src/main/resources/data/images/val [--sigma 25] [--seed 0]

Protocol (as cnn4j's EvaluationProtocol): images in [0, 1], noisy = clean + sigma*N(0, 1) not clipped, output
clipped to [0, 1], PSNR = 10*log10(1/MSE) over all pixels and channels, mean of per-image PSNRs; full images and
non-overlapping 32x32 tiles from the top-left corner (partial tiles dropped), each tile denoised on its own, tile
score = mean over all tiles of all images. The noise is numpy's seeded draw, not cnn4j's (the per-image PSNR of
a different draw differs by about 0.01 dB). NL-means with the known sigma: skimage.restoration.denoise_nl_means,
h = 0.6*sigma, patch_size 5, patch_distance 6, fast_mode (the settings of scikit-image's NL-means example for the
fast mode with a known sigma); --h and --slow change them (the slow mode with h = 0.8*sigma scores about 0.25 dB
higher on the val photos).
Needs Debian's python3-skimage (scikit-image 0.19).
"""
import argparse, glob, json, os
import numpy as np
from PIL import Image
from skimage.restoration import denoise_nl_means


def psnr(est, ref):
    return 10 * np.log10(1.0 / np.mean((np.clip(est, 0, 1) - ref) ** 2))


def nl_means(noisy, sigma, h, fast):
    return denoise_nl_means(noisy, h=h * sigma, sigma=sigma, patch_size=5, patch_distance=6, fast_mode=fast,
                            channel_axis=-1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--sigma", type=float, default=25.0, help="noise standard deviation on the 0..255 scale")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--h", type=float, default=0.6, help="filter strength as a multiple of sigma")
    ap.add_argument("--slow", action="store_true", help="the slow (per-patch-weighted) algorithm instead of fast_mode")
    ap.add_argument("--json", help="also write the scores here")
    a = ap.parse_args()
    sigma = a.sigma / 255.0
    rng = np.random.default_rng(a.seed)
    full, tiles, per_image = [], [], {}
    for f in sorted(glob.glob(os.path.join(a.folder, "*.png")) + glob.glob(os.path.join(a.folder, "*.jpg"))):
        clean = np.asarray(Image.open(f).convert("RGB"), dtype=np.float64) / 255.0
        noisy = clean + sigma * rng.standard_normal(clean.shape)
        p = psnr(nl_means(noisy, sigma, a.h, not a.slow), clean)
        h, w = clean.shape[0] // 32 * 32, clean.shape[1] // 32 * 32
        t = [psnr(nl_means(noisy[y:y + 32, x:x + 32], sigma, a.h, not a.slow), clean[y:y + 32, x:x + 32])
             for y in range(0, h, 32) for x in range(0, w, 32)]
        full.append(p)
        tiles += t
        per_image[os.path.basename(f)] = {"full": round(p, 2), "tiles": round(float(np.mean(t)), 2)}
        print(f"  {os.path.basename(f):36s} full {p:6.2f} dB  tiles {np.mean(t):6.2f} dB")
    result = {"mean_psnr_full": float(np.mean(full)), "mean_psnr_tiles": float(np.mean(tiles)), "tiles": len(tiles),
              "sigma": a.sigma, "seed": a.seed, "method": f"skimage denoise_nl_means h={a.h}*sigma patch 5 distance 6 {'slow' if a.slow else 'fast'}",
              "per_image": per_image}
    print(f"NL-means mean PSNR: full {result['mean_psnr_full']:.2f} dB, 32x32 tiles {result['mean_psnr_tiles']:.2f} dB ({len(tiles)} tiles)")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(result, fh, indent=1)


if __name__ == "__main__":
    main()
