"""Peer: PyTorch Conv2d forward and forward+backward (dX, dW, db) on the shapes of ConvShape.java, float32 NCHW,
one thread by default. Usage: python3 conv_bench.py [SHAPE ...] -> one line per shape, median ms of each.
Env BENCH_THREADS (1), BENCH_REPEATS (30)."""
import os, sys, time, torch

SHAPES = {  # name: (n, cin, cout, hw, k, stride, pad), as benchmarks/src/main/java/io/cnn4j/benchmarks/ConvShape.java
    "i": (32, 64, 64, 32, 3, 1, 1), "ii": (32, 3, 64, 32, 2, 2, 0), "iii": (32, 64, 256, 16, 2, 2, 0),
    "iv": (8, 128, 128, 64, 3, 1, 1), "w0": (32, 3, 32, 32, 3, 1, 1), "w1": (32, 32, 32, 32, 3, 1, 1),
    "w2": (32, 32, 64, 32, 2, 2, 0), "w3": (32, 64, 64, 16, 3, 1, 1)}


def median_ms(f, repeats):
    for _ in range(5):
        f()
    ts = []
    for _ in range(repeats):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2] * 1e3


def main():
    threads, repeats = int(os.environ.get("BENCH_THREADS", 1)), int(os.environ.get("BENCH_REPEATS", 30))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    for name in sys.argv[1:] or list(SHAPES):
        n, cin, cout, hw, k, s, p = SHAPES[name]
        conv = torch.nn.Conv2d(cin, cout, k, stride=s, padding=p)
        x = torch.rand(n, cin, hw, hw, requires_grad=True)
        dy = torch.rand_like(conv(x))

        def forward():
            with torch.no_grad():
                conv(x)

        def forward_backward():
            conv.zero_grad(set_to_none=True); x.grad = None
            conv(x).backward(dy)

        f, fb = median_ms(forward, repeats), median_ms(forward_backward, repeats)
        flops = 2.0 * n * cout * ((hw + 2 * p - k) // s + 1) ** 2 * cin * k * k
        print(f"torch {torch.__version__} threads={threads} shape {name}: forward {f:.3f} ms ({flops / f / 1e6:.0f} GFLOP/s), "
              f"forward+backward {fb:.3f} ms ({3 * flops / fb / 1e6:.0f} GFLOP/s)")


main()
