"""Builds a larger training folder for `cnn4j denoise --train`: the 20 bundled training photos plus 25 natural
photos from the sample data and wallpapers of Debian 12 packages, converted the way the bundled photos are.

    /usr/bin/python3 tools/data/more_photos.py OUT_DIR
    ./cnn4j denoise --model unet-w32 --minutes 55 --train OUT_DIR --out out/denoise-more

The 25 photos are not bundled with cnn4j: most are under copyleft licences (GPL-2+, LGPL-3) that the Apache-2.0
jar should not carry, so this script downloads the Debian packages (`apt-get download`, no root needed) and
converts the listed files. Their origins, authors and licences are in tools/data/README.md; keep that file with
the photos. Conversion (as for the bundled photos): 8-bit RGB PNG, no alpha, no metadata; a longer side above
512 px is scaled to 512 px with Pillow's Lanczos filter, keeping the aspect ratio; grayscale is stored as three
equal channels. Every file is written to a temporary name and renamed. The SHA-256 of each converted PNG is
compared with tools/data/SHA256SUMS (another Pillow version may resample differently; the script then says so and
keeps the file). Bad input (OUT_DIR is a file, no apt-get or dpkg-deb, a package that cannot be downloaded) ends
with one line on stderr and exit code 2.
Needs Debian 12 (bookworm) package sources, dpkg-deb, and Debian's python3-pil and python3-numpy.
"""
import argparse, glob, hashlib, os, pickle, shutil, subprocess, sys, tempfile

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED_TRAIN = os.path.join(HERE, "..", "..", "examples", "src", "main", "resources", "data", "images", "train")
MATE = ("mate-backgrounds", "1.26.0-1", "usr/share/backgrounds/mate/nature/{}.jpg")
KDE = ("plasma-workspace-wallpapers", "4:5.27.5-2", "usr/share/wallpapers/{}/contents/images/2560x{}.jpg")


# package (Debian 12), version, path inside the .deb, stored name (without .png)
PHOTOS = [(MATE[0], MATE[1], MATE[2].format(n), "mate-" + stored)
          for n, stored in (("Aqua", "aqua"), ("Blinds", "blinds"), ("Dune", "dune"), ("FreshFlower", "fresh-flower"),
                            ("Garden", "garden"), ("GreenMeadow", "green-meadow"), ("LadyBird", "ladybird"),
                            ("RainDrops", "raindrops"), ("Storm", "storm"), ("TwoWings", "two-wings"), ("Wood", "wood"),
                            ("YellowFlower", "yellow-flower"))]
PHOTOS += [(KDE[0], KDE[1], KDE[2].format(n, "1600" if n == "ColorfulCups" else "1440"), "kde-" + stored)
           for n, stored in (("BytheWater", "by-the-water"), ("ColdRipple", "cold-ripple"), ("ColorfulCups", "colorful-cups"),
                             ("EveningGlow", "evening-glow"), ("FallenLeaf", "fallen-leaf"), ("Grey", "grey"),
                             ("OneStandsOut", "one-stands-out"), ("Path", "path"))]
PHOTOS += [
    ("python3-sklearn", "1.2.1+dfsg-1", "usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg", "sklearn-flower"),
    ("python-matplotlib-data", "3.6.3-1", "usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg", "matplotlib-grace-hopper"),
    ("python3-scipy", "1.10.1-2", "usr/lib/python3/dist-packages/scipy/misc/ascent.dat", "scipy-ascent"),
    ("python3-skimage", "0.19.3-8", "usr/lib/python3/dist-packages/skimage/data/ihc.png", "skimage-ihc"),
    ("python3-skimage", "0.19.3-8", "usr/lib/python3/dist-packages/skimage/data/moon.png", "skimage-moon"),
]

SHA256 = {}  # stored file -> SHA-256, from tools/data/SHA256SUMS


def load_sums():
    with open(os.path.join(HERE, "SHA256SUMS")) as f:
        for line in f:
            digest, name = line.split()
            SHA256[name] = digest


def open_photo(path):
    if path.endswith(".dat"):  # scipy.misc.ascent: a pickled 512x512 uint8 array
        with open(path, "rb") as f:
            return Image.fromarray(np.asarray(pickle.load(f), dtype=np.uint8), "L")
    return Image.open(path)


def convert(src, dst):
    img = open_photo(src).convert("RGB")
    w, h = img.size
    if max(w, h) > 512:
        s = 512 / max(w, h)
        img = img.resize((round(w * s), round(h * s)), Image.LANCZOS)
    write_atomically(dst, lambda tmp: img.save(tmp, format="PNG", optimize=True))


def write_atomically(dst, write):
    """Calls write(tmp) for a temporary name next to dst, then renames it to dst."""
    tmp = dst + ".tmp"
    write(tmp)
    os.replace(tmp, dst)


def fail(message):
    print("more_photos.py: " + message, file=sys.stderr)
    sys.exit(2)


def run(command, cwd):
    """Runs a packaging command; a missing program or a failure ends the script with one line."""
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        fail(f"{command[0]} not found; run this on Debian 12 (bookworm), which has apt-get and dpkg-deb")


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", help="folder to write the 45 training photos to (created if missing)")
    a = ap.parse_args()
    load_sums()
    if os.path.exists(a.out_dir) and not os.path.isdir(a.out_dir):
        fail(f"{a.out_dir} exists and is not a folder; give a new or existing folder")
    mismatched = []
    with tempfile.TemporaryDirectory() as work:
        for pkg, version in sorted({(p, v) for p, v, _, _ in PHOTOS}):
            r = run(["apt-get", "download", f"{pkg}={version}"], work)
            debs = glob.glob(os.path.join(work, f"{pkg}_*.deb"))
            if r.returncode != 0 or not debs:
                why = (r.stderr.strip().splitlines() or ["no .deb written"])[-1]
                fail(f"cannot download Debian package {pkg}={version} ({why}); "
                     "run it on Debian 12 (bookworm) with its package sources configured")
            r = run(["dpkg-deb", "-x", debs[0], os.path.join(work, pkg)], work)
            if r.returncode != 0:
                fail(f"cannot unpack {os.path.basename(debs[0])}: {r.stderr.strip()}")
        os.makedirs(a.out_dir, exist_ok=True)
        for f in sorted(glob.glob(os.path.join(BUNDLED_TRAIN, "*.png"))):
            write_atomically(os.path.join(a.out_dir, os.path.basename(f)), lambda tmp: shutil.copyfile(f, tmp))
        for pkg, _, inner, name in PHOTOS:
            dst = os.path.join(a.out_dir, name + ".png")
            convert(os.path.join(work, pkg, inner), dst)
            if SHA256.get(name + ".png") != sha256(dst):
                mismatched.append(name)
    n = len(glob.glob(os.path.join(a.out_dir, "*.png")))
    print(f"wrote {n} photos to {a.out_dir} (20 bundled + {len(PHOTOS)} from Debian packages)")
    if n != 20 + len(PHOTOS):
        print(f"note: {a.out_dir} holds {n - 20 - len(PHOTOS)} other PNG files, which --train will use too")
    if mismatched:
        print(f"note: {len(mismatched)} converted photos differ from the recorded SHA-256 ({', '.join(mismatched)}): "
              "another Pillow version resamples differently; the training figures in docs/denoising.md were measured "
              "with the recorded files")


if __name__ == "__main__":
    main()
