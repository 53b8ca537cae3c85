package io.cnn4j.nn;

/**
 * Direct loop definitions of the layers, written from PyTorch's documentation and independent of unfold/fold and
 * matmul, used as oracles by the layer tests. Arrays are row-major NCHW; pairs are (h, w); padding is per side
 * (top, left) with the bottom/right amount implied by the output size.
 */
final class Naive {
    private Naive() {}

    /** Cross-correlation; out[n,co,oh,ow] = b[co] + Σ_{ci,i,j} x[n,ci,oh·s-pt+i·d, ow·s-pl+j·d]·w[co,ci,i,j]. */
    static double[] conv2d(double[] x, int n, int cin, int h, int w, double[] wt, double[] bias, int cout, int kh, int kw,
                           int sh, int sw, int pt, int pl, int dh, int dw, int oh, int ow) {
        double[] y = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++)
            for (int co = 0; co < cout; co++)
                for (int r = 0; r < oh; r++)
                    for (int c = 0; c < ow; c++) {
                        double s = bias == null ? 0 : bias[co];
                        for (int ci = 0; ci < cin; ci++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int hi = r * sh - pt + i * dh, wi = c * sw - pl + j * dw;
                                    if (hi < 0 || hi >= h || wi < 0 || wi >= w) continue;
                                    s += x[((b * cin + ci) * h + hi) * w + wi] * wt[((co * cin + ci) * kh + i) * kw + j];
                                }
                        y[((b * cout + co) * oh + r) * ow + c] = s;
                    }
        return y;
    }

    /**
     * Transposed convolution by its scatter definition: each input pixel x[n,ci,r,c] adds x·w[ci,co,i,j] to
     * out[n,co,r·s-p+i·d, c·s-p+j·d] when that lands inside the output; weight is [cin, cout, kh, kw].
     */
    static double[] convTranspose2d(double[] x, int n, int cin, int h, int w, double[] wt, double[] bias, int cout, int kh, int kw,
                                    int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow) {
        double[] y = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++)
            for (int co = 0; co < cout; co++)
                for (int p = 0; p < oh * ow; p++) y[(b * cout + co) * oh * ow + p] = bias == null ? 0 : bias[co];
        for (int b = 0; b < n; b++)
            for (int ci = 0; ci < cin; ci++)
                for (int r = 0; r < h; r++)
                    for (int c = 0; c < w; c++)
                        for (int co = 0; co < cout; co++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int ro = r * sh - ph + i * dh, cc = c * sw - pw + j * dw;
                                    if (ro < 0 || ro >= oh || cc < 0 || cc >= ow) continue;
                                    y[((b * cout + co) * oh + ro) * ow + cc] += x[((b * cin + ci) * h + r) * w + c] * wt[((ci * cout + co) * kh + i) * kw + j];
                                }
        return y;
    }

    /** Max over each window, padding = -∞. */
    static double[] maxPool(double[] x, int n, int ch, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow) {
        double[] y = new double[n * ch * oh * ow];
        for (int b = 0; b < n * ch; b++)
            for (int r = 0; r < oh; r++)
                for (int c = 0; c < ow; c++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < kh; i++)
                        for (int j = 0; j < kw; j++) {
                            int hi = r * sh - ph + i * dh, wi = c * sw - pw + j * dw;
                            if (hi < 0 || hi >= h || wi < 0 || wi >= w) continue;
                            m = Math.max(m, x[(b * h + hi) * w + wi]);
                        }
                    y[(b * oh + r) * ow + c] = m;
                }
        return y;
    }

    /** Mean over each window (zero padding): divide by kh·kw, or by the in-image count when !countIncludePad. */
    static double[] avgPool(double[] x, int n, int ch, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw,
                            boolean countIncludePad, int oh, int ow) {
        double[] y = new double[n * ch * oh * ow];
        for (int b = 0; b < n * ch; b++)
            for (int r = 0; r < oh; r++)
                for (int c = 0; c < ow; c++) {
                    double s = 0;
                    int count = 0;
                    for (int i = 0; i < kh; i++)
                        for (int j = 0; j < kw; j++) {
                            int hi = r * sh - ph + i, wi = c * sw - pw + j;
                            if (hi < 0 || hi >= h || wi < 0 || wi >= w) continue;
                            s += x[(b * h + hi) * w + wi];
                            count++;
                        }
                    y[(b * oh + r) * ow + c] = s / (countIncludePad ? kh * kw : count);
                }
        return y;
    }

    /** y[m,o] = b[o] + Σ_i x[m,i]·w[o,i]. */
    static double[] linear(double[] x, int m, int in, double[] wt, double[] bias, int out) {
        double[] y = new double[m * out];
        for (int r = 0; r < m; r++)
            for (int o = 0; o < out; o++) {
                double s = bias == null ? 0 : bias[o];
                for (int i = 0; i < in; i++) s += x[r * in + i] * wt[o * in + i];
                y[r * out + o] = s;
            }
        return y;
    }
}
