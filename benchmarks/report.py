#!/usr/bin/env python3
"""Table of one run-all.sh comparison: median training images/s per (model, contestant) from OUT/results.tsv,
cnn4j-nd4j / best peer, and VOID next to any peer result below 70 % of its known quiet figure.
Prints the report and writes it to OUT/report.md. Usage: report.py OUT"""
import csv, os, statistics, sys

out = sys.argv[1]

# Known quiet figures (training images/s, 2-core AVX-512 machine): (peer, threads, model) -> images/s.
QUIET = {('pytorch', '1', 'seed'): 1250, ('pytorch', '1', 'unet'): 552, ('pytorch', '1', 'wide-unet'): 251,
         ('djl', '2', 'seed'): 1300}
VOID_BELOW = 0.70
PEERS = ('pytorch', 'djl')
MODEL_ORDER = ['seed', 'unet', 'wide-unet']

rows = list(csv.DictReader(open(os.path.join(out, 'results.tsv')), delimiter='\t'))
runs = {}  # (model, contestant label) -> [values]
meta = {}  # contestant label -> (peer, threads)
failed = []
for r in rows:
    who, t = r['contestant'], r['threads']
    label = who if who.startswith('cnn4j') else f'{who} t{t}'
    meta[label] = (who, t)
    key = (r['model'], label)
    runs.setdefault(key, [])
    if r['train_images_per_s'] == 'FAILED':
        failed.append(f"{r['model']} {label} round {r['round']}")
    else:
        runs[key].append(float(r['train_images_per_s']))

def quiet(model, label):
    who, t = meta[label]
    return QUIET.get((who, t, model)) if who in PEERS else None

models = sorted({m for m, _ in runs}, key=lambda m: (MODEL_ORDER.index(m) if m in MODEL_ORDER else 99, m))
order = ['cnn4j-nd4j', 'cnn4j-reference'] + sorted(l for l in meta if not l.startswith('cnn4j'))
labels = [l for l in order if l in meta]

lines = []
machine = os.path.join(out, 'machine.txt')
if os.path.exists(machine):
    lines += ['```', open(machine).read().rstrip(), '```', '']
lines.append('Median training images/s (batch 32, 3x32x32, float32; n = runs; one run = the median of its repetitions).')
lines.append('')
lines.append('| model | ' + ' | '.join(labels) + ' | best peer | cnn4j-nd4j / best peer |')
lines.append('|---' * (len(labels) + 3) + '|')
voids = []
for m in models:
    cells, best = [], None
    for l in labels:
        v = runs.get((m, l), [])
        if not v:
            cells.append('-'); continue
        med = statistics.median(v)
        q = quiet(m, l)
        bad = [x for x in v if q and x < VOID_BELOW * q]
        for x in bad:
            voids.append(f'VOID {m} {l}: {x:.0f} images/s < {VOID_BELOW:.0%} of its quiet {q}')
        cells.append(f'{med:,.0f} (n={len(v)})' + (' VOID' if q and med < VOID_BELOW * q else ''))
        if meta[l][0] in PEERS and (best is None or med > best[1]):
            best = (l, med)
    nd = runs.get((m, 'cnn4j-nd4j'), [])
    ratio = f'{statistics.median(nd) / best[1]:.2f}x' if nd and best else '-'
    lines.append(f'| {m} | ' + ' | '.join(cells) + f" | {best[0] if best else '-'} | {ratio} |")
lines.append('')
lines.append('Peer sanity check against the known quiet figures (VOID below 70 %):')
lines.append('')
for m in models:
    for l in labels:
        if meta[l][0] not in PEERS or not runs.get((m, l)):
            continue
        q = quiet(m, l)
        med = statistics.median(runs[(m, l)])
        if q is None:
            lines.append(f'- {m} {l}: {med:,.0f} images/s, no reference')
        else:
            lines.append(f"- {m} {l}: {med:,.0f} images/s = {med / q:.0%} of quiet {q:,}" + (' VOID' if med < VOID_BELOW * q else ' ok'))
if voids:
    lines += ['', 'Single runs below 70 % of the quiet figure:', ''] + [f'- {v}' for v in voids]
if failed:
    lines.append('')
    lines.append('FAILED runs: ' + ', '.join(failed))
lines.append('')
lines.append('Load average (1 min) before -> after each run: ' + ', '.join(
    f"{r['model']} {r['contestant']}{'' if r['contestant'].startswith('cnn4j') else ' t' + r['threads']} r{r['round']} "
    f"{r['load_before']}->{r['load_after']}" for r in rows))
lines.append('')
lines.append('DJL: ConvTranspose2d(k2, s2) runs as a matmul plus a pixel shuffle (same FLOPs): DJL\'s PyTorch engine has no transposed convolution.')
text = '\n'.join(lines) + '\n'
print(text, end='')
with open(os.path.join(out, 'report.md'), 'w') as f:
    f.write(text)
