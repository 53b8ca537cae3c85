package io.cnn4j.backend.reference;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Shapes;

/**
 * im2col, as {@code torch.nn.functional.unfold}: {@code x [N,C,H,W] → cols [N, C·kh·kw, oH·oW]} with
 * {@code cols[n, (c·kh + i)·kw + j, oh·oW + ow] = x[n, c, oh·sh − padTop + i·dh, ow·sw − padLeft + j·dw]},
 * or {@code padValue} where that position lies in the padding.
 *
 * <p>Each (n, c) plane fills kh·kw rows of oH·oW columns independently, so planes run in parallel. Along a
 * column row the valid ow range is computed once, so the copy loop has no bounds tests.
 */
final class Unfold {
    private Unfold() {}

    static RefTensor unfold(RefTensor x, ConvGeometry g, double padValue) {
        if (g == null) throw new IllegalArgumentException("unfold: geometry is null");
        Shapes.requireRank("unfold", x, 4, "[N,C,H,W]");
        int[] s = x.shapeRef();
        int n = s[0], c = s[1], h = s[2], w = s[3];
        int oH, oW;
        try {
            oH = g.outH(h);
            oW = g.outW(w);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unfold: input " + Shapes.str(s) + " with " + g + ": " + e.getMessage(), e);
        }
        int kk = g.kernelSize();
        int l = oH * oW;
        int[] outShape = {n, c * kk, l};
        RefTensor out = RefTensor.zeros((ReferenceBackend) x.backend(), x.dtype(), outShape);
        int planeIn = h * w, planeOut = kk * l;
        Parallel.forEach(n * c, (long) planeOut, p -> {
            if (x.isFloat()) plane(x.f, p * planeIn, out.f, p * planeOut, h, w, oH, oW, g, (float) padValue);
            else plane(x.d, p * planeIn, out.d, p * planeOut, h, w, oH, oW, g, padValue);
        });
        return out;
    }

    private static void plane(float[] x, int xOff, float[] cols, int cOff, int h, int w, int oH, int oW, ConvGeometry g, float pad) {
        int kh = g.kernelH(), kw = g.kernelW(), sh = g.strideH(), sw = g.strideW(), dh = g.dilationH(), dw = g.dilationW();
        int row = cOff;
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++, row += oH * oW) {
                int colOffset = j * dw - g.padLeft();
                int owLo = firstValid(colOffset, sw), owHi = endValid(colOffset, sw, w, oW);
                for (int oh = 0; oh < oH; oh++) {
                    int ih = oh * sh - g.padTop() + i * dh;
                    int dst = row + oh * oW;
                    if (ih < 0 || ih >= h || owLo >= owHi) {
                        java.util.Arrays.fill(cols, dst, dst + oW, pad);
                        continue;
                    }
                    for (int ow = 0; ow < owLo; ow++) cols[dst + ow] = pad;
                    int src = xOff + ih * w + colOffset;
                    if (sw == 1) System.arraycopy(x, src + owLo, cols, dst + owLo, owHi - owLo);
                    else for (int ow = owLo; ow < owHi; ow++) cols[dst + ow] = x[src + ow * sw];
                    for (int ow = owHi; ow < oW; ow++) cols[dst + ow] = pad;
                }
            }
        }
    }

    private static void plane(double[] x, int xOff, double[] cols, int cOff, int h, int w, int oH, int oW, ConvGeometry g, double pad) {
        int kh = g.kernelH(), kw = g.kernelW(), sh = g.strideH(), sw = g.strideW(), dh = g.dilationH(), dw = g.dilationW();
        int row = cOff;
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++, row += oH * oW) {
                int colOffset = j * dw - g.padLeft();
                int owLo = firstValid(colOffset, sw), owHi = endValid(colOffset, sw, w, oW);
                for (int oh = 0; oh < oH; oh++) {
                    int ih = oh * sh - g.padTop() + i * dh;
                    int dst = row + oh * oW;
                    if (ih < 0 || ih >= h || owLo >= owHi) {
                        java.util.Arrays.fill(cols, dst, dst + oW, pad);
                        continue;
                    }
                    for (int ow = 0; ow < owLo; ow++) cols[dst + ow] = pad;
                    int src = xOff + ih * w + colOffset;
                    if (sw == 1) System.arraycopy(x, src + owLo, cols, dst + owLo, owHi - owLo);
                    else for (int ow = owLo; ow < owHi; ow++) cols[dst + ow] = x[src + ow * sw];
                    for (int ow = owHi; ow < oW; ow++) cols[dst + ow] = pad;
                }
            }
        }
    }

    /** Smallest ow ≥ 0 with {@code ow·stride + offset ≥ 0}. */
    static int firstValid(int offset, int stride) {
        return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    }

    /** One past the largest ow &lt; oW with {@code ow·stride + offset < size} (≥ 0). */
    static int endValid(int offset, int stride, int size, int oW) {
        int limit = size - offset; // need ow·stride < limit
        if (limit <= 0) return 0;
        return Math.min(oW, (limit - 1) / stride + 1);
    }
}
