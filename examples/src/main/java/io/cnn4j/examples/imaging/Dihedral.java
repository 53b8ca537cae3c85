package io.cnn4j.examples.imaging;

/**
 * The eight symmetries of a square image (the dihedral group D4): rotations by 0, 90, 180 and 270 degrees,
 * each with or without a left-right flip. Used to augment training crops: a photo's noise and content statistics
 * are unchanged by these maps, while the network sees each structure in every orientation.
 *
 * <p>Images are {@code [channels, side, side]} row-major (CHW). Transform {@code k} in 0..7 flips left-right when
 * {@code k >= 4}, then rotates counter-clockwise by {@code 90·(k mod 4)} degrees, as {@code torch.rot90(torch.flip(x,
 * [-1]) if k >= 4 else x, k % 4, [-2, -1])}. Transform 0 is the identity.
 */
public final class Dihedral {
    /** Number of transforms. */
    public static final int COUNT = 8;

    private Dihedral() {}

    /**
     * Transform {@code k} of {@code chw}, a new array.
     *
     * @param chw      {@code channels·side·side} values, CHW row-major
     * @param channels number of channels
     * @param side     height and width
     * @param k        transform index, 0..7
     */
    public static float[] apply(float[] chw, int channels, int side, int k) {
        if (k < 0 || k >= COUNT) throw new IllegalArgumentException("Dihedral: transform index must be in 0..7, got " + k);
        int plane = side * side;
        if (chw.length != channels * plane)
            throw new IllegalArgumentException("Dihedral: " + chw.length + " values, expected " + channels + "x" + side + "x" + side);
        if (k == 0) return chw.clone();
        float[] out = new float[chw.length];
        boolean flip = k >= 4;
        int turns = k % 4;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int i = 0; i < side; i++)
                for (int j = 0; j < side; j++) {
                    // out[i][j] reads src[r][s]; rot90 counter-clockwise once: out[i][j] = in[j][side-1-i]
                    int r = i, s = j;
                    for (int t = 0; t < turns; t++) {
                        int nr = s, ns = side - 1 - r;
                        r = nr;
                        s = ns;
                    }
                    if (flip) s = side - 1 - s;
                    out[base + i * side + j] = chw[base + r * side + s];
                }
        }
        return out;
    }
}
