package io.cnn4j.examples.imaging;

import io.cnn4j.examples.data.RgbImage;

import java.util.SplittableRandom;

/**
 * Additive white Gaussian noise, {@code y = x + σ·N(0, 1)}, NOT clipped (the evaluation protocol feeds the
 * unclipped noisy image to the denoiser). Normal numbers come from a {@link SplittableRandom} by Box–Muller, the
 * same host stream {@code Backend.normal} defines, so a seed fixes the draw on every backend and machine.
 */
public final class GaussianNoise {
    private GaussianNoise() {}

    /** Fills {@code out} with N(0, 1) numbers from {@code rng}. */
    public static void standardNormal(SplittableRandom rng, float[] out) {
        for (int i = 0; i < out.length; i += 2) {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double rad = Math.sqrt(-2.0 * Math.log(u1));
            out[i] = (float) (rad * Math.cos(2 * Math.PI * u2));
            if (i + 1 < out.length) out[i + 1] = (float) (rad * Math.sin(2 * Math.PI * u2));
        }
    }

    /** {@code clean + sigma·n} with n drawn from {@code rng}. */
    public static float[] addTo(float[] clean, double sigma, SplittableRandom rng) {
        float[] n = new float[clean.length];
        standardNormal(rng, n);
        for (int i = 0; i < n.length; i++) n[i] = (float) (clean[i] + sigma * n[i]);
        return n;
    }

    /** A noisy copy of {@code clean} whose noise is fixed by {@code seed}. */
    public static RgbImage noisy(RgbImage clean, double sigma, long seed) {
        return new RgbImage(clean.name(), clean.height(), clean.width(), addTo(clean.data(), sigma, new SplittableRandom(seed)));
    }
}
