package io.cnn4j.examples.imaging;

/**
 * The eight symmetries of the square (the dihedral group D4): rotations by 0, 90, 180 and 270 degrees, each with or
 * without a left-right flip. Training augments crops with them: a photo's noise and content statistics are unchanged
 * by these maps, while the network sees each structure in every orientation. Evaluation may average a denoiser over
 * them ({@code SelfEnsembleDenoiser}), which works on rectangular images too: a quarter turn swaps height and width.
 *
 * <p>Images are {@code [channels, height, width]} row-major (CHW). Transform {@code k} in 0..7 flips left-right when
 * {@code k >= 4}, then rotates counter-clockwise by {@code 90·(k mod 4)} degrees, as {@code torch.rot90(torch.flip(x,
 * [-1]) if k >= 4 else x, k % 4, [-2, -1])}. Transform 0 is the identity; {@link #inverse} undoes each.
 */
public final class Dihedral {
    /** Number of transforms. */
    public static final int COUNT = 8;

    private Dihedral() {}

    /** Transform {@code k} of a square {@code [channels, side, side]} image, a new array. */
    public static float[] apply(float[] chw, int channels, int side, int k) {
        return apply(chw, channels, side, side, k);
    }

    /**
     * Transform {@code k} of {@code chw}, a new array of shape {@code [channels, height, width]} when {@code k} turns
     * by 0 or 180 degrees, else {@code [channels, width, height]} (see {@link #swapsSides}).
     *
     * @param chw      {@code channels·height·width} values, CHW row-major
     * @param channels number of channels
     * @param height   rows of the input
     * @param width    columns of the input
     * @param k        transform index, 0..7
     */
    public static float[] apply(float[] chw, int channels, int height, int width, int k) {
        if (k < 0 || k >= COUNT) throw new IllegalArgumentException("Dihedral: transform index must be in 0..7, got " + k);
        int plane = height * width;
        if (chw.length != channels * plane)
            throw new IllegalArgumentException("Dihedral: " + chw.length + " values, expected " + channels + "x" + height + "x" + width);
        if (k == 0) return chw.clone();
        boolean flip = k >= 4;
        int turns = k % 4;
        int outW = swapsSides(k) ? height : width, outH = plane / Math.max(outW, 1);
        float[] out = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int i = 0; i < outH; i++)
                for (int j = 0; j < outW; j++) {
                    // Undo the quarter turns from the last to the first. One counter-clockwise turn of an image
                    // w columns wide reads out[i][j] = in[j][w-1-i]; before turn m (1-based) the image is `width`
                    // columns wide when m-1 turns came before it an even number of times, else `height`.
                    int r = i, s = j;
                    for (int m = turns; m >= 1; m--) {
                        int widthBefore = (m - 1) % 2 == 0 ? width : height;
                        int nr = s, ns = widthBefore - 1 - r;
                        r = nr;
                        s = ns;
                    }
                    if (flip) s = width - 1 - s;
                    out[base + i * outW + j] = chw[base + r * width + s];
                }
        }
        return out;
    }

    /** Whether transform {@code k} swaps height and width (a quarter or three-quarter turn). */
    public static boolean swapsSides(int k) {
        if (k < 0 || k >= COUNT) throw new IllegalArgumentException("Dihedral: transform index must be in 0..7, got " + k);
        return k % 2 == 1;
    }

    /**
     * The transform that undoes {@code k}: a turn by {@code 90·t} is undone by a turn by {@code 90·(4-t)}; each
     * reflection ({@code k >= 4}) is its own inverse.
     */
    public static int inverse(int k) {
        if (k < 0 || k >= COUNT) throw new IllegalArgumentException("Dihedral: transform index must be in 0..7, got " + k);
        return k >= 4 ? k : (4 - k) % 4;
    }
}
