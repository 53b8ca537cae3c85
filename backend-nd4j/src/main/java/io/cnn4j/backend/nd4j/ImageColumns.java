package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;

/**
 * im2col and col2im for ONE image on host float arrays, in the layout of {@code Backend.unfold}/{@code fold}:
 * image {@code [C, H, W]} ↔ columns {@code [C·kh·kw, oH·oW]}, row {@code (c·kh + i)·kw + j} holding channel c at
 * kernel offset (i, j), column {@code oh·oW + ow} the output position; padding reads 0.
 *
 * <p>Why host arrays: the fused convolutions ({@link GemmConvolutions}) work image by image so the columns of one
 * image stay in cache between being built and being multiplied; a tight loop over Java arrays (which the JIT
 * vectorises) plus one bulk copy to or from the native buffer is several times faster than element-wise access to
 * the native buffer.
 *
 * <p>The padding zeros are written by plain loops rather than {@code Arrays.fill}: a padded row usually needs one or
 * two zeros, and the loops keep that cost independent of whether the JIT inlines {@code Arrays.fill} here (which
 * depends on the program's other uses of it: once compiled on its own into a large body, it is no longer inlined).
 */
final class ImageColumns {
    private ImageColumns() {}

    /** {@code cols[C·kh·kw, oH·oW] = unfold(img[C, H, W])} for output size {@code oh × ow}. */
    static void unfold(float[] img, int c, int h, int w, ConvGeometry g, int oh, int ow, float[] cols) {
        unfold(img, 0, c, h, w, g, oh, ow, cols, 0, oh * ow);
    }

    /**
     * As {@link #unfold(float[], int, int, int, ConvGeometry, int, int, float[])} for the image at {@code img[imgOffset]},
     * writing row r of its columns at {@code cols[colsOffset + r·ld]}: with {@code ld = N·oH·oW} and
     * {@code colsOffset = n·oH·oW} the images of a batch fill one {@code [C·kh·kw, N·oH·oW]} matrix side by side.
     */
    static void unfold(float[] img, int imgOffset, int c, int h, int w, ConvGeometry g, int oh, int ow, float[] cols, int colsOffset, int ld) {
        int kh = g.kernelH(), kw = g.kernelW(), sh = g.strideH(), sw = g.strideW();
        int row = 0;
        for (int ch = 0; ch < c; ch++) {
            int plane = imgOffset + ch * h * w;
            for (int i = 0; i < kh; i++) {
                int rowShift = i * g.dilationH() - g.padTop();
                for (int j = 0; j < kw; j++, row++) {
                    int colShift = j * g.dilationW() - g.padLeft();
                    int x0 = firstValid(colShift, sw), x1 = endValid(colShift, sw, w, ow);
                    int dst = colsOffset + row * ld;
                    for (int y = 0; y < oh; y++, dst += ow) {
                        int ih = y * sh + rowShift;
                        if (ih < 0 || ih >= h || x0 >= x1) {
                            for (int x = 0; x < ow; x++) cols[dst + x] = 0f;
                            continue;
                        }
                        for (int x = 0; x < x0; x++) cols[dst + x] = 0f;
                        int src = plane + ih * w + colShift;
                        if (sw == 1) System.arraycopy(img, src + x0, cols, dst + x0, x1 - x0);
                        else for (int x = x0; x < x1; x++) cols[dst + x] = img[src + x * sw];
                        for (int x = x1; x < ow; x++) cols[dst + x] = 0f;
                    }
                }
            }
        }
    }

    /** {@code img[C, H, W] += fold(cols[C·kh·kw, oH·oW])} (overlapping windows sum; padding positions are dropped). */
    static void foldAdd(float[] cols, int c, int h, int w, ConvGeometry g, int oh, int ow, float[] img) {
        foldAdd(cols, 0, oh * ow, c, h, w, g, oh, ow, img, 0);
    }

    /** As {@link #foldAdd(float[], int, int, int, ConvGeometry, int, int, float[])} with the addressing of {@link #unfold(float[], int, int, int, int, ConvGeometry, int, int, float[], int, int)}. */
    static void foldAdd(float[] cols, int colsOffset, int ld, int c, int h, int w, ConvGeometry g, int oh, int ow, float[] img, int imgOffset) {
        int kh = g.kernelH(), kw = g.kernelW(), sh = g.strideH(), sw = g.strideW();
        int row = 0;
        for (int ch = 0; ch < c; ch++) {
            int plane = imgOffset + ch * h * w;
            for (int i = 0; i < kh; i++) {
                int rowShift = i * g.dilationH() - g.padTop();
                for (int j = 0; j < kw; j++, row++) {
                    int colShift = j * g.dilationW() - g.padLeft();
                    int x0 = firstValid(colShift, sw), x1 = endValid(colShift, sw, w, ow);
                    if (x0 >= x1) continue;
                    int srcRow = colsOffset + row * ld;
                    for (int y = 0; y < oh; y++) {
                        int ih = y * sh + rowShift;
                        if (ih < 0 || ih >= h) continue;
                        int dst = plane + ih * w + colShift, src = srcRow + y * ow;
                        if (sw == 1) for (int x = x0; x < x1; x++) img[dst + x] += cols[src + x];
                        else for (int x = x0; x < x1; x++) img[dst + x * sw] += cols[src + x];
                    }
                }
            }
        }
    }

    /** The first output column whose input column {@code x·stride + shift} is ≥ 0. */
    private static int firstValid(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** One past the last output column (< outSize) whose input column {@code x·stride + shift} is < size. */
    private static int endValid(int shift, int stride, int size, int outSize) {
        if (size - 1 - shift < 0) return 0;
        return Math.min(outSize, (size - 1 - shift) / stride + 1);
    }
}
