package io.cnn4j.examples.imaging;

import io.cnn4j.examples.data.RgbImage;

/**
 * Peak signal-to-noise ratio for images in [0, 1]: {@code 10·log10(1 / MSE)}, the MSE taken over all pixels and
 * channels in double precision after clipping the estimate to [0, 1] (the reference is used as is). Identical
 * images give +∞.
 */
public final class Psnr {
    private Psnr() {}

    public static double psnr(RgbImage estimate, RgbImage reference) {
        if (estimate.height() != reference.height() || estimate.width() != reference.width())
            throw new IllegalArgumentException("PSNR: image sizes differ: " + estimate.width() + "x" + estimate.height()
                    + " vs " + reference.width() + "x" + reference.height());
        return psnr(estimate.data(), reference.data());
    }

    /**
     * PSNR of an unclipped input (the noisy image itself, as the classical baselines report it: 20.17 dB at σ=25).
     */
    public static double psnrUnclipped(RgbImage input, RgbImage reference) {
        double se = 0;
        float[] a = input.data(), b = reference.data();
        if (a.length != b.length) throw new IllegalArgumentException("PSNR: lengths differ: " + a.length + " vs " + b.length);
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            se += d * d;
        }
        return 10 * Math.log10(1.0 / (se / a.length));
    }

    /** PSNR of two equally long arrays; the estimate is clipped to [0, 1]. */
    public static double psnr(float[] estimate, float[] reference) {
        if (estimate.length != reference.length)
            throw new IllegalArgumentException("PSNR: lengths differ: " + estimate.length + " vs " + reference.length);
        double se = 0;
        for (int i = 0; i < estimate.length; i++) {
            double e = Math.min(1.0, Math.max(0.0, estimate[i]));
            double d = e - reference[i];
            se += d * d;
        }
        return 10 * Math.log10(1.0 / (se / estimate.length));
    }
}
