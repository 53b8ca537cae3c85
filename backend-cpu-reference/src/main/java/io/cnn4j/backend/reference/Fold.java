package io.cnn4j.backend.reference;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Shapes;

/**
 * col2im, the exact adjoint of {@link Unfold} with padValue 0: {@code cols [N, C·kh·kw, L] → [N,C,H,W]} where
 * every column entry is added to the input position {@link Unfold} read it from; entries that came from padding
 * are dropped. Overlapping windows (stride &lt; kernel) sum. {@code L} must equal oH·oW for the given height and
 * width, and the row count must be a multiple of kh·kw.
 *
 * <p>Each (n, c) output plane gathers only from its own kh·kw rows, so planes run in parallel without races.
 */
final class Fold {
    private Fold() {}

    static RefTensor fold(RefTensor cols, ConvGeometry g, int height, int width) {
        if (g == null) throw new IllegalArgumentException("fold: geometry is null");
        Shapes.requireRank("fold", cols, 3, "[N, C*kh*kw, L]");
        int[] s = cols.shapeRef();
        if (height < 1 || width < 1)
            throw new IllegalArgumentException("fold: output size " + height + "x" + width + " must be positive");
        int oH, oW;
        try {
            oH = g.outH(height);
            oW = g.outW(width);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fold: output " + height + "x" + width + " with " + g + ": " + e.getMessage(), e);
        }
        int kk = g.kernelSize();
        if (s[1] % kk != 0)
            throw new IllegalArgumentException("fold: cols shape " + Shapes.str(s) + " has " + s[1] + " rows, not a multiple of kh*kw = "
                    + kk + " for " + g);
        if (s[2] != oH * oW)
            throw new IllegalArgumentException("fold: cols shape " + Shapes.str(s) + " has L = " + s[2] + " columns but output "
                    + height + "x" + width + " with " + g + " gives oH*oW = " + oH + "*" + oW + " = " + (oH * oW));
        int n = s[0], c = s[1] / kk, l = s[2];
        RefTensor out = RefTensor.zeros((ReferenceBackend) cols.backend(), cols.dtype(), new int[]{n, c, height, width});
        int planeOut = height * width, planeIn = kk * l;
        Parallel.forEach(n * c, (long) planeIn, p -> {
            if (cols.isFloat()) plane(cols.f, p * planeIn, out.f, p * planeOut, height, width, oH, oW, g);
            else plane(cols.d, p * planeIn, out.d, p * planeOut, height, width, oH, oW, g);
        });
        return out;
    }

    private static void plane(float[] cols, int cOff, float[] x, int xOff, int h, int w, int oH, int oW, ConvGeometry g) {
        int kh = g.kernelH(), kw = g.kernelW(), sh = g.strideH(), sw = g.strideW(), dh = g.dilationH(), dw = g.dilationW();
        int row = cOff;
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++, row += oH * oW) {
                int colOffset = j * dw - g.padLeft();
                int owLo = Unfold.firstValid(colOffset, sw), owHi = Unfold.endValid(colOffset, sw, w, oW);
                for (int oh = 0; oh < oH; oh++) {
                    int ih = oh * sh - g.padTop() + i * dh;
                    if (ih < 0 || ih >= h) continue;
                    int src = row + oh * oW;
                    int dst = xOff + ih * w + colOffset;
                    if (sw == 1) for (int ow = owLo; ow < owHi; ow++) x[dst + ow] += cols[src + ow];
                    else for (int ow = owLo; ow < owHi; ow++) x[dst + ow * sw] += cols[src + ow];
                }
            }
        }
    }

    private static void plane(double[] cols, int cOff, double[] x, int xOff, int h, int w, int oH, int oW, ConvGeometry g) {
        int kh = g.kernelH(), kw = g.kernelW(), sh = g.strideH(), sw = g.strideW(), dh = g.dilationH(), dw = g.dilationW();
        int row = cOff;
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++, row += oH * oW) {
                int colOffset = j * dw - g.padLeft();
                int owLo = Unfold.firstValid(colOffset, sw), owHi = Unfold.endValid(colOffset, sw, w, oW);
                for (int oh = 0; oh < oH; oh++) {
                    int ih = oh * sh - g.padTop() + i * dh;
                    if (ih < 0 || ih >= h) continue;
                    int src = row + oh * oW;
                    int dst = xOff + ih * w + colOffset;
                    if (sw == 1) for (int ow = owLo; ow < owHi; ow++) x[dst + ow] += cols[src + ow];
                    else for (int ow = owLo; ow < owHi; ow++) x[dst + ow * sw] += cols[src + ow];
                }
            }
        }
    }
}
