package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class BatchNorm2dTest {

    /** Per-channel mean and biased variance of an NCHW array. */
    private static double[][] stats(double[] x, int n, int c, int hw) {
        double[] mean = new double[c], var = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int b = 0; b < n; b++) for (int p = 0; p < hw; p++) s += x[(b * c + ch) * hw + p];
            mean[ch] = s / (n * hw);
            double v = 0;
            for (int b = 0; b < n; b++) for (int p = 0; p < hw; p++) v += Math.pow(x[(b * c + ch) * hw + p] - mean[ch], 2);
            var[ch] = v / (n * hw);
        }
        return new double[][]{mean, var};
    }

    private static double[] normalize(double[] x, int n, int c, int hw, double[] mean, double[] var, double[] gamma, double[] beta, double eps) {
        double[] y = new double[x.length];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int p = 0; p < hw; p++) {
                    int i = (b * c + ch) * hw + p;
                    y[i] = (x[i] - mean[ch]) / Math.sqrt(var[ch] + eps) * gamma[ch] + beta[ch];
                }
        return y;
    }

    @Test
    void trainingForwardNormalisesWithBatchStatisticsAndGradientsMatch() {
        BatchNorm2d bn = new BatchNorm2d(ctx(51), 3);
        // non-trivial affine parameters so their gradients matter
        backend().copy(tensor(new double[]{0.5, 1.5, -2}, 3), bn.weight().value());
        backend().copy(tensor(new double[]{0.1, -0.3, 0.7}, 3), bn.bias().value());
        Tensor x = randn(52, 2, 3, 4, 5);
        double[][] s = stats(x.toDoubleArray(), 2, 3, 20);
        assertClose(bn.forward(x), new int[]{2, 3, 4, 5},
                normalize(x.toDoubleArray(), 2, 3, 20, s[0], s[1], new double[]{0.5, 1.5, -2}, new double[]{0.1, -0.3, 0.7}, 1e-5),
                1e-13, "BatchNorm2d train forward");
        gradCheck(bn, x, 1e-6);
    }

    @Test
    void evalUsesRunningStatisticsAndGradientsMatch() {
        BatchNorm2d bn = new BatchNorm2d(ctx(53), 2, 1e-3, 0.1, true);
        backend().copy(tensor(new double[]{0.2, -0.4}, 2), bn.runningMean());
        backend().copy(tensor(new double[]{0.5, 2.0}, 2), bn.runningVar());
        backend().copy(tensor(new double[]{1.2, 0.7}, 2), bn.weight().value());
        bn.eval();
        Tensor x = randn(54, 3, 2, 2, 3);
        assertClose(bn.forward(x), new int[]{3, 2, 2, 3}, normalize(x.toDoubleArray(), 3, 2, 6, new double[]{0.2, -0.4},
                new double[]{0.5, 2.0}, new double[]{1.2, 0.7}, new double[]{0, 0}, 1e-3), 1e-14, "BatchNorm2d eval forward");
        gradCheck(bn, x, 1e-6);
        assertArrayEquals(new double[]{0.2, -0.4}, bn.runningMean().toDoubleArray(), 0.0, "eval must not update running stats");
    }

    @Test
    void runningStatisticsFollowPyTorch() {
        BatchNorm2d bn = new BatchNorm2d(ctx(55), 2);
        double[] rm = {0, 0}, rv = {1, 1};
        for (int step = 0; step < 3; step++) {
            Tensor x = tensor(uniform(56 + step, 3 * 2 * 2 * 2, -1, 3), 3, 2, 2, 2);
            bn.forward(x);
            double[][] s = stats(x.toDoubleArray(), 3, 2, 4);
            int m = 3 * 4;
            for (int c = 0; c < 2; c++) {
                rm[c] = 0.9 * rm[c] + 0.1 * s[0][c];
                rv[c] = 0.9 * rv[c] + 0.1 * s[1][c] * m / (m - 1); // unbiased variance in the running estimate
            }
        }
        assertArrayEquals(rm, bn.runningMean().toDoubleArray(), 1e-14);
        assertArrayEquals(rv, bn.runningVar().toDoubleArray(), 1e-14);
        assertEquals(3, bn.numBatchesTracked());
        assertEquals(java.util.List.of("weight", "bias", "running_mean", "running_var"), java.util.List.copyOf(bn.stateDict().keySet()));
    }

    @Test
    void badInput() {
        BatchNorm2d bn = new BatchNorm2d(ctx(57), 4);
        String ch = assertThrows(IllegalArgumentException.class, () -> bn.forward(randn(1, 2, 3, 2, 2))).getMessage();
        assertTrue(ch.startsWith("BatchNorm2d(4") && ch.contains("[N, 4, H, W]") && ch.contains("[2, 3, 2, 2]"), ch);
        String one = assertThrows(IllegalArgumentException.class, () -> bn.forward(randn(1, 1, 4, 1, 1))).getMessage();
        assertTrue(one.contains("more than 1 value per channel"), one);
        assertEquals("BatchNorm2d(4, eps=1.0E-5, momentum=0.1, affine=True, track_running_stats=True)", bn.toString());
    }
}
