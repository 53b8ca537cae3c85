package io.cnn4j.examples.models;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;

/**
 * {@code --model seed}: the EE559 {@link SeedNet} on 3×32×32 images, trained with MSE towards a clean image from
 * a noisy one. The synthetic batch is a uniform [0, 1) "clean" image plus Gaussian noise (σ = 0.1) as input.
 */
final class SeedNetSpec implements ModelSpec {
    static final int CHANNELS = 3, SIZE = 32;

    @Override public String name() { return "seed"; }

    @Override public String description() { return "EE559 seed denoiser: Conv2d(3,64,2,s2)-ReLU-Conv2d(64,256,2,s2)-ReLU-"
            + "Upsampling(256,64,2,s2)-ReLU-Upsampling(64,3,2,s2)-Sigmoid, MSE, input 3x32x32"; }

    @Override public int[] inputShape(int batch) { return new int[]{batch, CHANNELS, SIZE, SIZE}; }

    @Override public Module create(Context ctx) { return new SeedNet(ctx); }

    @Override
    public SyntheticBatch syntheticBatch(Backend backend, DType dtype, int batch, long seed) {
        int[] shape = inputShape(batch);
        var clean = backend.uniform(dtype, seed, 0.0, 1.0, shape);
        var noisy = clean.add(backend.normal(dtype, seed + 1, 0.0, 0.1, shape));
        return new SyntheticBatch(noisy, clean);
    }
}
