package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.tensor.Shapes;

import java.util.List;

/**
 * Pads an image on the bottom and right by reflection (as {@code torch.nn.functional.pad(mode="reflect")}: the
 * edge pixel is not repeated) so both sides become multiples of {@code m}. Used to run fully convolutional models
 * with stride-2 stages on images of any size; the output is cropped back to the original size.
 */
public final class ReflectionPad {
    private ReflectionPad() {}

    /** The smallest multiple of {@code m} that is ≥ {@code n}. */
    public static int roundUp(int n, int m) { return (n + m - 1) / m * m; }

    /**
     * The smallest side that can be reflect-padded to a multiple of {@code m}: reflection needs the padding to be
     * shorter than the side ({@code roundUp(n, m) - n < n}), so 3 for m = 4 (a 2-pixel side would need 2 pixels of
     * padding, which reflection cannot give).
     */
    public static int minSide(int m) {
        int n = 1;
        while (roundUp(n, m) - n >= n) n++;
        return n;
    }

    /** Throws {@link CliException} naming {@code where} unless every image is at least {@link #minSide}(m) on both sides. */
    public static void requirePaddable(List<RgbImage> images, int m, String where) {
        int min = minSide(m);
        for (RgbImage img : images)
            if (img.height() < min || img.width() < min)
                throw new CliException(where + " " + img.name() + " is " + img.width() + "x" + img.height() + "; images must be at least "
                        + min + "x" + min + " (the model reflect-pads them to a multiple of " + m + ")");
    }

    public static RgbImage toMultiple(RgbImage img, int m) {
        int h = img.height(), w = img.width(), H = roundUp(h, m), W = roundUp(w, m);
        if (H == h && W == w) return img;
        if (H - h >= h || W - w >= w)
            throw new IllegalArgumentException("image " + img.name() + " (" + w + "x" + h + ") is too small to reflect-pad to a multiple of " + m);
        float[] out = new float[Shapes.numelInt("padded image " + img.name(), RgbImage.CHANNELS, H, W)];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < H; y++) {
                int sy = y < h ? y : 2 * (h - 1) - y;
                for (int x = 0; x < W; x++) {
                    int sx = x < w ? x : 2 * (w - 1) - x;
                    out[(c * H + y) * W + x] = img.data()[(c * h + sy) * w + sx];
                }
            }
        return new RgbImage(img.name(), H, W, out);
    }
}
