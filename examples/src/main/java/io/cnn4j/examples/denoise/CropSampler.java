package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.Dihedral;
import io.cnn4j.examples.imaging.GaussianNoise;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the training batch of one step: random crops of random training images, each optionally mapped by a random
 * one of the eight {@link Dihedral} symmetries ({@code augment}), with fresh Gaussian noise.
 *
 * <p>The random stream of step {@code t} is {@code SplittableRandom(mix(seed, t))}, a pure function of the seed and
 * the step number, so the whole "RNG state" of a run is (seed, step): a resumed run draws exactly the batches an
 * uninterrupted run would have drawn.
 */
public final class CropSampler {
    private final List<RgbImage> images;
    private final int crop;
    private final double sigma;
    private final boolean noise2noise;
    private final boolean augment;
    private final long seed;

    /** A sampler without augmentation. */
    public CropSampler(List<RgbImage> images, int crop, double sigma, boolean noise2noise, long seed) {
        this(images, crop, sigma, noise2noise, false, seed);
    }

    /**
     * @param augment map each crop by a uniformly drawn {@link Dihedral} transform, drawn from a second stream of
     *                (seed, step), so crop positions and noise are those of the same run without augmentation
     */
    public CropSampler(List<RgbImage> images, int crop, double sigma, boolean noise2noise, boolean augment, long seed) {
        for (RgbImage im : images)
            if (im.height() < crop || im.width() < crop)
                throw new CliException("training image " + im.name() + " is " + im.width() + "x" + im.height()
                        + ", smaller than the crop size " + crop + "; use a smaller --crop or remove the image");
        if (images.isEmpty()) throw new CliException("no training images");
        this.images = images;
        this.crop = crop;
        this.sigma = sigma;
        this.noise2noise = noise2noise;
        this.augment = augment;
        this.seed = seed;
    }

    /** Inputs and targets of one step, each {@code [batch, 3, crop, crop]} row-major. */
    public record Batch(float[] input, float[] target, int size, int crop) {

        /** Rows {@code [from, to)} of this batch (this batch itself when that is all of it). */
        public Batch rows(int from, int to) {
            if (from < 0 || to > size || from >= to) throw new IllegalArgumentException("rows [" + from + ", " + to + ") of a batch of " + size);
            if (from == 0 && to == size) return this;
            int plane = 3 * crop * crop;
            return new Batch(java.util.Arrays.copyOfRange(input, from * plane, to * plane),
                    java.util.Arrays.copyOfRange(target, from * plane, to * plane), to - from, crop);
        }
    }

    /** Distinguishes the stream of the augmentation's transforms from that of positions and noise. */
    private static final long AUGMENT_STREAM = 0x5DEECE66DL;

    /** The stream of step {@code step}. */
    static SplittableRandom rngFor(long seed, long step) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (step + 1))).split();
    }

    public Batch batch(long step, int size) {
        SplittableRandom rng = rngFor(seed, step);
        SplittableRandom symmetries = augment ? rngFor(seed ^ AUGMENT_STREAM, step) : null;
        int plane = 3 * crop * crop;
        float[] in = new float[size * plane], tgt = new float[size * plane];
        for (int b = 0; b < size; b++) {
            RgbImage im = images.get(rng.nextInt(images.size()));
            int y = rng.nextInt(im.height() - crop + 1), x = rng.nextInt(im.width() - crop + 1);
            float[] clean = im.crop(y, x, crop, crop).data();
            if (augment) clean = Dihedral.apply(clean, 3, crop, symmetries.nextInt(Dihedral.COUNT));
            System.arraycopy(GaussianNoise.addTo(clean, sigma, rng), 0, in, b * plane, plane);
            System.arraycopy(noise2noise ? GaussianNoise.addTo(clean, sigma, rng) : clean, 0, tgt, b * plane, plane);
        }
        return new Batch(in, tgt, size, crop);
    }
}
