package io.cnn4j.examples.denoise;

import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.examples.imaging.GaussianNoise;
import io.cnn4j.examples.imaging.Psnr;

import java.util.ArrayList;
import java.util.List;

/**
 * The denoising evaluation protocol, so that results compare with classical denoisers:
 * <ol>
 *   <li>images in [0, 1]; noisy input {@code y = x + σ·N(0,1)}, not clipped; the noise of image i is fixed by
 *       {@link #noiseSeed(long, int) noiseSeed(seed, i)} (images in the given order, i.e. sorted by name);</li>
 *   <li>PSNR = 10·log10(1/MSE) over all pixels and channels, the output clipped to [0, 1] (the noisy input's own
 *       PSNR, reported for reference, is not clipped: 20.17 dB at σ = 25/255, as the classical baselines give it);</li>
 *   <li>full images: each noisy image denoised whole; score = mean of the per-image PSNRs;</li>
 *   <li>tiles: the non-overlapping 32×32 tiles from the top-left corner of each noisy image (partial tiles at the
 *       right/bottom edge are dropped), each denoised on its own; score = mean of the PSNRs of all tiles of all
 *       images (per image, the mean over its tiles is reported as well).</li>
 * </ol>
 */
public final class EvaluationProtocol {
    public static final int TILE = 32;

    /** Tiles passed to the denoiser per call. */
    static final int TILE_BATCH = 64;

    private final double sigma;
    private final long seed;

    public EvaluationProtocol(double sigma, long seed) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("sigma must be a finite number >= 0, got " + sigma);
        this.sigma = sigma;
        this.seed = seed;
    }

    public double sigma() { return sigma; }

    public long seed() { return seed; }

    /** The seed of image {@code index}'s noise draw. */
    public static long noiseSeed(long seed, int index) { return seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (index + 1L); }

    /** The noisy version of image {@code index} under this protocol. */
    public RgbImage noisy(RgbImage clean, int index) { return GaussianNoise.noisy(clean, sigma, noiseSeed(seed, index)); }

    /** One image's scores and pictures. */
    public record ImageResult(String name, int width, int height, double psnrNoisy, double psnrFull, double psnrTilesMean, int tiles,
                              RgbImage noisy, RgbImage denoised) {}

    /** The set's scores. {@code meanPsnrTiles} is NaN when no image is at least 32×32. */
    public record Result(List<ImageResult> images, double meanPsnrNoisy, double meanPsnrFull, double meanPsnrTiles, int tileCount) {}

    /** Runs the protocol on {@code cleanImages} (in order) with {@code denoiser}, full images and tiles. */
    public Result evaluate(List<RgbImage> cleanImages, Denoiser denoiser) { return evaluate(cleanImages, denoiser, true); }

    /** The protocol on full images only (tile scores NaN, no tiles counted): the cheaper check used during training. */
    public Result evaluateFull(List<RgbImage> cleanImages, Denoiser denoiser) { return evaluate(cleanImages, denoiser, false); }

    private Result evaluate(List<RgbImage> cleanImages, Denoiser denoiser, boolean withTiles) {
        List<ImageResult> results = new ArrayList<>();
        double sumNoisy = 0, sumFull = 0, sumTiles = 0;
        int tileCount = 0;
        for (int i = 0; i < cleanImages.size(); i++) {
            RgbImage clean = cleanImages.get(i);
            RgbImage noisy = noisy(clean, i);
            RgbImage denoised = denoiser.denoise(List.of(noisy)).get(0);
            double pn = Psnr.psnrUnclipped(noisy, clean), pf = Psnr.psnr(denoised, clean);
            List<RgbImage> noisyTiles = withTiles ? tiles(noisy) : List.of(), cleanTiles = withTiles ? tiles(clean) : List.of();
            double imageTileSum = 0;
            for (int start = 0; start < noisyTiles.size(); start += TILE_BATCH) {
                List<RgbImage> batch = noisyTiles.subList(start, Math.min(noisyTiles.size(), start + TILE_BATCH));
                List<RgbImage> out = denoiser.denoise(batch);
                for (int k = 0; k < out.size(); k++) imageTileSum += Psnr.psnr(out.get(k), cleanTiles.get(start + k));
            }
            int n = noisyTiles.size();
            sumNoisy += pn;
            sumFull += pf;
            sumTiles += imageTileSum;
            tileCount += n;
            results.add(new ImageResult(clean.name(), clean.width(), clean.height(), pn, pf, n == 0 ? Double.NaN : imageTileSum / n, n, noisy, denoised));
        }
        int m = cleanImages.size();
        return new Result(results, sumNoisy / m, sumFull / m, tileCount == 0 ? Double.NaN : sumTiles / tileCount, tileCount);
    }

    /** The non-overlapping {@value #TILE}×{@value #TILE} tiles from the top-left, row by row. */
    public static List<RgbImage> tiles(RgbImage img) {
        List<RgbImage> out = new ArrayList<>();
        for (int y = 0; y + TILE <= img.height(); y += TILE)
            for (int x = 0; x + TILE <= img.width(); x += TILE)
                out.add(img.crop(y, x, TILE, TILE).named(img.name() + "@" + x + "," + y));
        return out;
    }
}
