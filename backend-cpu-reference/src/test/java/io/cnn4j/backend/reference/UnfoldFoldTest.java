package io.cnn4j.backend.reference;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cnn4j.backend.reference.Check.B;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnfoldFoldTest {

    /** Geometries covering stride, dilation, symmetric and asymmetric padding, overlapping and gapped windows. */
    static final ConvGeometry[] GEOMETRIES = {
            ConvGeometry.square(2, 2, 0, 1),
            ConvGeometry.square(3, 1, 1, 1),
            ConvGeometry.square(3, 2, 1, 1),
            ConvGeometry.of(2, 3, 1, 2, 0, 1, 1, 1),
            ConvGeometry.square(3, 1, 2, 2),
            ConvGeometry.square(2, 3, 0, 1),            // stride > kernel: gaps
            ConvGeometry.square(1, 1, 0, 1),
            new ConvGeometry(3, 2, 2, 1, 0, 1, 2, 0, 1, 2), // asymmetric padding ("same"-style)
            new ConvGeometry(4, 4, 3, 2, 2, 1, 1, 3, 2, 1),
    };

    /** Naive unfold from the definition in Backend#unfold. */
    static double[] naiveUnfold(double[] x, int n, int c, int h, int w, ConvGeometry g, double pad) {
        int oH = g.outH(h), oW = g.outW(w), kh = g.kernelH(), kw = g.kernelW(), l = oH * oW;
        double[] out = new double[n * c * kh * kw * l];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++)
                        for (int oh = 0; oh < oH; oh++)
                            for (int ow = 0; ow < oW; ow++) {
                                int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
                                int iw = ow * g.strideW() - g.padLeft() + j * g.dilationW();
                                int row = (ch * kh + i) * kw + j;
                                boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < w;
                                out[(b * c * kh * kw + row) * l + oh * oW + ow] = inside ? x[((b * c + ch) * h + ih) * w + iw] : pad;
                            }
        return out;
    }

    /** Naive fold: scatter-add of every column entry to where unfold read it. */
    static double[] naiveFold(double[] cols, int n, int c, int h, int w, ConvGeometry g) {
        int oH = g.outH(h), oW = g.outW(w), kh = g.kernelH(), kw = g.kernelW(), l = oH * oW;
        double[] x = new double[n * c * h * w];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++)
                        for (int oh = 0; oh < oH; oh++)
                            for (int ow = 0; ow < oW; ow++) {
                                int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
                                int iw = ow * g.strideW() - g.padLeft() + j * g.dilationW();
                                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                                int row = (ch * kh + i) * kw + j;
                                x[((b * c + ch) * h + ih) * w + iw] += cols[(b * c * kh * kw + row) * l + oh * oW + ow];
                            }
        return x;
    }

    @Test
    void handCheckedTwoByTwoWithPadding() {
        // x = [[1,2],[3,4]], kernel 2, stride 1, padding 1 → 3x3 output positions, 4 rows.
        Tensor x = B.fromArray(new float[]{1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor cols = B.unfold(x, ConvGeometry.square(2, 1, 1, 1), 0);
        Check.exact(cols, new double[]{
                0, 0, 0, 0, 1, 2, 0, 3, 4,   // (i,j) = (0,0)
                0, 0, 0, 1, 2, 0, 3, 4, 0,   // (0,1)
                0, 1, 2, 0, 3, 4, 0, 0, 0,   // (1,0)
                1, 2, 0, 3, 4, 0, 0, 0, 0},  // (1,1)
                1, 4, 9);
        // fold of all ones counts how many windows cover each pixel: 4 each here.
        Tensor ones = B.binary(io.cnn4j.tensor.BinaryOp.ADD, B.zeros(DType.FLOAT32, 1, 4, 9), 1.0);
        Check.exact(B.fold(ones, ConvGeometry.square(2, 1, 1, 1), 2, 2), new double[]{4, 4, 4, 4}, 1, 1, 2, 2);
    }

    @Test
    void padValueFillsPadding() {
        Tensor x = B.fromArray(new double[]{5}, 1, 1, 1, 1);
        Tensor cols = B.unfold(x, ConvGeometry.square(3, 1, 1, 1), Double.NEGATIVE_INFINITY);
        double ninf = Double.NEGATIVE_INFINITY;
        Check.exact(cols, new double[]{ninf, ninf, ninf, ninf, 5, ninf, ninf, ninf, ninf}, 1, 9, 1);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void unfoldAndFoldMatchNaiveOnRandomGeometries(DType dt) {
        long seed = 10;
        int[][] sizes = {{2, 3, 7, 8}, {1, 2, 5, 5}, {3, 1, 9, 6}};
        for (ConvGeometry g : GEOMETRIES)
            for (int[] s : sizes) {
                int n = s[0], c = s[1], h = s[2], w = s[3];
                if (h + g.padTop() + g.padBottom() < g.effectiveKernelH() || w + g.padLeft() + g.padRight() < g.effectiveKernelW()) continue;
                double[] x = Check.random(dt, seed++, n * c * h * w);
                int rows = c * g.kernelSize(), l = g.outH(h) * g.outW(w);
                Check.close(B.unfold(Check.tensor(dt, x, n, c, h, w), g, 0.5), naiveUnfold(x, n, c, h, w, g, 0.5),
                        new int[]{n, rows, l});
                double[] cols = Check.random(dt, seed++, n * rows * l);
                Check.close(B.fold(Check.tensor(dt, cols, n, rows, l), g, h, w), naiveFold(cols, n, c, h, w, g),
                        new int[]{n, c, h, w});
            }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void foldIsTheAdjointOfUnfold(DType dt) {
        long seed = 500;
        for (ConvGeometry g : GEOMETRIES) {
            int n = 2, c = 3, h = 8, w = 7;
            double[] x = Check.random(dt, seed++, n * c * h * w);
            int rows = c * g.kernelSize(), l = g.outH(h) * g.outW(w);
            double[] y = Check.random(dt, seed++, n * rows * l);
            double[] ux = B.unfold(Check.tensor(dt, x, n, c, h, w), g, 0).toDoubleArray();
            double[] fy = B.fold(Check.tensor(dt, y, n, rows, l), g, h, w).toDoubleArray();
            double lhs = 0, rhs = 0, scale = 0;
            for (int i = 0; i < ux.length; i++) { lhs += ux[i] * y[i]; scale += Math.abs(ux[i] * y[i]); }
            for (int i = 0; i < fy.length; i++) rhs += x[i] * fy[i];
            double rel = Math.abs(lhs - rhs) / scale;
            assertTrue(rel <= Check.tol(dt), g + ": <unfold x, y> = " + lhs + " vs <x, fold y> = " + rhs + " (rel " + rel + ")");
        }
    }

    @Test
    void badInputsAreRejected() {
        ConvGeometry g = ConvGeometry.square(3, 1, 0, 1);
        Check.rejects(() -> B.unfold(B.zeros(DType.FLOAT32, 1, 2, 3), g, 0), "unfold", "[1, 2, 3]", "[N,C,H,W]");
        Check.rejects(() -> B.unfold(B.zeros(DType.FLOAT32, 1, 1, 2, 5), g, 0), "unfold", "[1, 1, 2, 5]", "height");
        Check.rejects(() -> B.fold(B.zeros(DType.FLOAT32, 1, 10, 9), g, 5, 5), "fold", "[1, 10, 9]", "multiple");
        Check.rejects(() -> B.fold(B.zeros(DType.FLOAT32, 1, 9, 8), g, 5, 5), "fold", "[1, 9, 8]", "L = 8");
        Check.rejects(() -> B.fold(B.zeros(DType.FLOAT32, 9, 8), g, 5, 5), "fold", "[9, 8]");
    }
}
