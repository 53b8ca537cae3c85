package io.cnn4j.benchmarks;

import io.cnn4j.examples.models.SeedNet;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Sequential;
import io.cnn4j.optim.SGD;
import io.cnn4j.optim.TrainingStep;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;

/**
 * A training step of the EE559 seed denoiser ({@link SeedNet}, the same network as the PyTorch peer
 * {@code peers/seed_denoiser_bench.py}), MSE, SGD(lr=1), trained on fixed random 3×32×32 batches. One {@link #step()} = zero_grad, forward, loss, backward, update,
 * inside a {@link MemoryScope} (what a training loop should do; a no-op on host backends).
 */
final class SeedStep {
    final Backend backend;
    final Sequential net;
    final MSELoss loss = new MSELoss();
    final SGD sgd;
    final TrainingStep<Tensor> trainingStep;
    final Tensor x, y;
    final boolean useScope;

    SeedStep(Backend backend, int batch, long seed) { this(backend, batch, seed, true); }

    /** @param useScope whether each step runs inside a {@link MemoryScope} (false: temporaries wait for the GC). */
    SeedStep(Backend backend, int batch, long seed, boolean useScope) {
        this.backend = backend;
        this.useScope = useScope;
        Context ctx = Context.of(backend, DType.FLOAT32, seed);
        net = new SeedNet(ctx);
        sgd = new SGD(net.namedParameters(), 1.0);
        trainingStep = new TrainingStep<>(net, loss, sgd, null);
        x = backend.uniform(DType.FLOAT32, seed + 1, 0, 1, batch, 3, 32, 32);
        y = backend.uniform(DType.FLOAT32, seed + 2, 0, 1, batch, 3, 32, 32);
    }

    /** One training step ({@link TrainingStep}); returns the loss. */
    double step() {
        return useScope ? trainingStep.run(backend, () -> x, y) : stepUnscoped();
    }

    /**
     * The same step outside any memory scope, kept only so {@code SeedNetMemoryCheck} can show what the scope
     * saves: temporaries are then left to the garbage collector.
     */
    private double stepUnscoped() {
        net.zeroGrad();
        Tensor out = net.forward(x);
        double l = loss.forward(out, y).item();
        net.backward(loss.backward());
        sgd.step();
        return l;
    }
}
