package io.cnn4j.examples.denoise;

import io.cnn4j.examples.data.RgbImage;

/**
 * Pads an image on the bottom and right by reflection (as {@code torch.nn.functional.pad(mode="reflect")}: the
 * edge pixel is not repeated) so both sides become multiples of {@code m}. Used to run fully convolutional models
 * with stride-2 stages on images of any size; the output is cropped back to the original size.
 */
public final class ReflectionPad {
    private ReflectionPad() {}

    /** The smallest multiple of {@code m} that is ≥ {@code n}. */
    public static int roundUp(int n, int m) { return (n + m - 1) / m * m; }

    public static RgbImage toMultiple(RgbImage img, int m) {
        int h = img.height(), w = img.width(), H = roundUp(h, m), W = roundUp(w, m);
        if (H == h && W == w) return img;
        if (H - h >= h || W - w >= w)
            throw new IllegalArgumentException("image " + img.name() + " (" + w + "x" + h + ") is too small to reflect-pad to a multiple of " + m);
        float[] out = new float[3 * H * W];
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
