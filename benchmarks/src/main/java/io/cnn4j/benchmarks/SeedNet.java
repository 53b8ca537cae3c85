package io.cnn4j.benchmarks;

import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Upsampling;
import io.cnn4j.optim.SGD;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;

/**
 * The EE559 seed denoiser, the same network as the PyTorch peer ({@code peers/seed_denoiser_bench.py}):
 * Conv2d(3,64,2,s2)-ReLU-Conv2d(64,256,2,s2)-ReLU-Upsampling(256,64,2,s2)-ReLU-Upsampling(64,3,2,s2)-Sigmoid, MSE,
 * SGD(lr=1), trained on fixed random 3×32×32 batches. One {@link #step()} = zero_grad, forward, loss, backward, update,
 * inside a {@link MemoryScope} (what a training loop should do; a no-op on host backends).
 */
final class SeedNet {
    final Backend backend;
    final Sequential net;
    final MSELoss loss = new MSELoss();
    final SGD sgd;
    final Tensor x, y;
    final boolean useScope;

    SeedNet(Backend backend, int batch, long seed) { this(backend, batch, seed, true); }

    /** @param useScope whether each step runs inside a {@link MemoryScope} (false: temporaries wait for the GC). */
    SeedNet(Backend backend, int batch, long seed, boolean useScope) {
        this.backend = backend;
        this.useScope = useScope;
        Context ctx = Context.of(backend, DType.FLOAT32, seed);
        net = new Sequential(new Conv2d(ctx, 3, 64, 2, 2), new ReLU(), new Conv2d(ctx, 64, 256, 2, 2), new ReLU(),
                new Upsampling(ctx, 256, 64, 2, 2), new ReLU(), new Upsampling(ctx, 64, 3, 2, 2), new Sigmoid());
        sgd = new SGD(net.namedParameters(), 1.0);
        x = backend.uniform(DType.FLOAT32, seed + 1, 0, 1, batch, 3, 32, 32);
        y = backend.uniform(DType.FLOAT32, seed + 2, 0, 1, batch, 3, 32, 32);
    }

    /** One training step; returns the loss. */
    double step() {
        if (!useScope) return stepUnscoped();
        try (MemoryScope scope = backend.scope()) {
            return stepUnscoped();
        }
    }

    private double stepUnscoped() {
        net.zeroGrad();
        Tensor out = net.forward(x);
        double l = loss.forward(out, y).item();
        net.backward(loss.backward());
        sgd.step();
        return l;
    }
}
