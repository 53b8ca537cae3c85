package io.cnn4j.examples.data;

import java.util.Arrays;

/**
 * An RGB image as planar float data in channel-height-width order (the layout of one NCHW sample), values in
 * [0, 1] for loaded images (noisy images may leave that range). {@code data.length == 3 * height * width}.
 */
public record RgbImage(String name, int height, int width, float[] data) {
    public static final int CHANNELS = 3;

    public RgbImage {
        if (height < 1 || width < 1) throw new IllegalArgumentException("RgbImage " + name + ": size must be >= 1x1, got " + width + "x" + height);
        if (data.length != (long) CHANNELS * height * width)
            throw new IllegalArgumentException("RgbImage " + name + ": expected " + (long) CHANNELS * height * width + " values (3x" + height + "x" + width + "), got " + data.length);
    }

    /** The value of channel {@code c} at row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) { return data[(c * height + y) * width + x]; }

    /** The {@code h × w} window whose top-left corner is at ({@code y0}, {@code x0}); a copy. */
    public RgbImage crop(int y0, int x0, int h, int w) {
        if (y0 < 0 || x0 < 0 || y0 + h > height || x0 + w > width)
            throw new IllegalArgumentException("crop " + w + "x" + h + " at (" + x0 + "," + y0 + ") is outside image " + name + " of size " + width + "x" + height);
        float[] out = new float[CHANNELS * h * w];
        for (int c = 0; c < CHANNELS; c++)
            for (int y = 0; y < h; y++)
                System.arraycopy(data, (c * height + y0 + y) * width + x0, out, (c * h + y) * w, w);
        return new RgbImage(name, h, w, out);
    }

    /** A copy with every value clamped to [0, 1]. */
    public RgbImage clipped() {
        float[] out = data.clone();
        for (int i = 0; i < out.length; i++) out[i] = Math.min(1f, Math.max(0f, out[i]));
        return new RgbImage(name, height, width, out);
    }

    /** The same pixels under another name. */
    public RgbImage named(String newName) { return new RgbImage(newName, height, width, data); }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage r && r.name.equals(name) && r.height == height && r.width == width && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(data); }

    @Override
    public String toString() { return "RgbImage[" + name + ", " + width + "x" + height + "]"; }
}
