package io.cnn4j.examples.models;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.optim.Adam;
import io.cnn4j.optim.Optimizer;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;

import java.util.function.Function;

/**
 * {@code --model unet} and {@code --model wide-unet}: the denoisers of {@code cnn4j denoise} ({@link UNet} width 16,
 * {@link WideUNet} width 32) on 3×32×32 crops, trained as the main job trains them: Adam (lr 1e-3), MSE towards the
 * clean crop. The synthetic batch is a uniform [0, 1) "clean" image plus Gaussian noise (σ = 0.1) as input.
 */
final class UNetSpec implements ModelSpec {
    static final int CHANNELS = 3, SIZE = 32;

    private final String name, description;
    private final Function<Context, Module> factory;

    private UNetSpec(String name, String description, Function<Context, Module> factory) {
        this.name = name;
        this.description = description;
        this.factory = factory;
    }

    static UNetSpec unet() {
        return new UNetSpec("unet", "two-level residual U-Net, width 16, Adam, MSE, input 3x32x32",
                ctx -> new UNet(ctx, 16));
    }

    static UNetSpec wideUnet() {
        return new UNetSpec("wide-unet", "one-level residual U-Net, width 32 (the denoise default), Adam, MSE, input 3x32x32", ctx -> new WideUNet(ctx, 32));
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public int[] inputShape(int batch) { return new int[]{batch, CHANNELS, SIZE, SIZE}; }

    @Override public Module create(Context ctx) { return factory.apply(ctx); }

    @Override
    public SyntheticBatch syntheticBatch(Backend backend, DType dtype, int batch, long seed) {
        int[] shape = inputShape(batch);
        var clean = backend.uniform(dtype, seed, 0.0, 1.0, shape);
        var noisy = clean.add(backend.normal(dtype, seed + 1, 0.0, 0.1, shape));
        return new SyntheticBatch(noisy, clean);
    }

    @Override public Optimizer optimizer(Module net, double lr) { return new Adam(net.namedParameters(), lr); }

    @Override public double defaultLr() { return 1e-3; }
}
