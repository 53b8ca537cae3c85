#!/usr/bin/env python3
"""Turns one run-all.sh result directory into the performance table (docs/performance.md): figures and target ratios."""
import json, os, re, sys

out = sys.argv[1]

def load(name):
    p = os.path.join(out, name)
    return json.load(open(p)) if os.path.exists(p) else []

SHAPES = {  # n, cin, cout, hw, k, stride, pad
    'i': (32, 64, 64, 32, 3, 1, 1), 'ii': (32, 3, 64, 32, 2, 2, 0),
    'iii': (32, 64, 256, 16, 2, 2, 0), 'iv': (8, 128, 128, 64, 3, 1, 1)}

def fwd_flops(s):
    n, cin, cout, hw, k, st, p = SHAPES[s]
    o = (hw + 2 * p - k) // st + 1
    return 2.0 * n * cout * o * o * cin * k * k

def ms(entry):
    m = entry['primaryMetric']
    assert m['scoreUnit'] == 'ms/op', m['scoreUnit']
    return m['score'], m.get('scoreError', float('nan'))

print(open(os.path.join(out, 'machine.txt')).read() if os.path.exists(os.path.join(out, 'machine.txt')) else '')

# sgemm
gemm = {}
for e in load('gemm.json'):
    n = int(e['params']['n']); t, err = ms(e)
    gemm[e['benchmark'].split('.')[-1]] = 2.0 * n ** 3 / (t / 1e3) / 1e9
sgemm = max(gemm.values()) if gemm else float('nan')
print('sgemm 2048^3 GFLOP/s: ' + ', '.join(f'{k} {v:.1f}' for k, v in gemm.items()) + f'  (best {sgemm:.1f})')

# conv
conv = {}
for e in load('conv.json'):
    p = e['params']; t, err = ms(e)
    conv[(p['shape'], e['benchmark'].split('.')[-1], p['impl'], p['variant'])] = (t, err)
print()
print(f"{'shape':5} {'pass':16} {'cnn4j ms':>9} {'GF/s':>6} {'lib-def ms':>10} {'lib-1dnn ms':>11} {'cnn4j/1dnn-jar ms':>17} {'x lib-def':>9} {'x 1dnn':>7}")
results = {}
for s in SHAPES:
    for mode in ('forward', 'forwardBackward'):
        f = fwd_flops(s) * (3 if mode == 'forwardBackward' else 1)
        c = conv.get((s, mode, 'cnn4j', 'default')); ld = conv.get((s, mode, 'libnd4j', 'default'))
        lo = conv.get((s, mode, 'libnd4j', '-onednn-avx512')); co = conv.get((s, mode, 'cnn4j', '-onednn-avx512'))
        if not c: continue
        gf = f / (c[0] / 1e3) / 1e9
        r_def = ld[0] / c[0] if ld else float('nan'); r_dnn = lo[0] / c[0] if lo else float('nan')
        results[(s, mode)] = (gf, r_def, r_dnn)
        fmt = lambda x: f'{x[0]:.2f}' if x else '-'
        print(f"{s:5} {mode:16} {c[0]:9.2f} {gf:6.1f} {fmt(ld):>10} {fmt(lo):>11} {fmt(co):>17} {r_def:9.2f} {r_dnn:7.2f}")

# seed net
seed = {}
for e in load('seed-nd4j.json') + load('seed-ref.json'):
    p = e['params']; t, err = ms(e)
    seed[(p['backend'], p['threads'], p.get('variant', 'default'))] = 32 / (t / 1e3)
torch = {}
for t in (1, 2):
    p = os.path.join(out, f'torch-{t}.txt')
    if os.path.exists(p):
        m = re.search(r'median=(\d+)', open(p).read())
        if m: torch[t] = float(m.group(1))
print()
for k, v in sorted(seed.items()):
    print(f"seed net train, {k[0]:9} threads={'default' if k[1] == '0' else k[1]:7} variant={k[2]}: {v:8.1f} images/s")
for t, v in torch.items():
    print(f"seed net train, PyTorch   threads={t:<7}: {v:8.1f} images/s")

print('\nTargets, ratios from this run:')
def verdict(ok): return 'MET' if ok else 'MISSED'
nd4j_best = max([v for k, v in seed.items() if k[0] == 'nd4j'] or [float('nan')])
if torch:
    r = nd4j_best / max(torch.values())
    print(f"  seed-net training nd4j/PyTorch (best threads each): {r:.2f}x  (target >= 1.0) {verdict(r >= 1.0)}")
ref = [v for k, v in seed.items() if k[0] == 'reference']
if ref: print(f"  seed-net training nd4j/reference: {nd4j_best / ref[0]:.2f}x")
for s in SHAPES:
    if (s, 'forwardBackward') in results:
        gf, rd, ro = results[(s, 'forwardBackward')]
        print(f"  conv {s:3} fwd+bwd vs libnd4j default: {rd:.2f}x (target >= 5) {verdict(rd >= 5)};  vs oneDNN: {ro:.2f}x (target >= 0.8) {verdict(ro >= 0.8)}")
if ('i', 'forward') in results:
    gf = results[('i', 'forward')][0]
    print(f"  conv (i) forward {gf:.1f} GFLOP/s = {100 * gf / sgemm:.0f}% of sgemm {sgemm:.1f} (target >= 60%) {verdict(gf >= 0.6 * sgemm)}")
