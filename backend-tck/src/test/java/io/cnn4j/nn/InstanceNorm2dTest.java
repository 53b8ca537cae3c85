package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/** InstanceNorm2d's running statistics (track_running_stats=True) against a host computation of PyTorch's rule. */
class InstanceNorm2dTest {

    @Test
    void trackedRunningStatisticsFollowPyTorchAndAreUsedInEval() {
        int n = 2, c = 3, h = 2, w = 3, hw = h * w;
        InstanceNorm2d norm = new InstanceNorm2d(ctx(1), c, 1e-5, 0.25, true, true);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var"), List.copyOf(norm.stateDict().keySet()));
        assertEquals("InstanceNorm2d(3, eps=1.0E-5, momentum=0.25, affine=True, track_running_stats=True)", norm.toString());
        double[] rm = {0, 0, 0}, rv = {1, 1, 1};
        for (int step = 0; step < 2; step++) {
            double[] x = uniform(10 + step, n * c * hw, -2, 3);
            norm.forward(tensor(x, n, c, h, w));
            for (int ch = 0; ch < c; ch++) {
                double meanOfMeans = 0, meanOfVars = 0;
                for (int s = 0; s < n; s++) {
                    int base = (s * c + ch) * hw;
                    double mean = 0, sq = 0;
                    for (int i = 0; i < hw; i++) mean += x[base + i] / hw;
                    for (int i = 0; i < hw; i++) sq += (x[base + i] - mean) * (x[base + i] - mean);
                    meanOfMeans += mean / n;
                    meanOfVars += sq / (hw - 1) / n;                 // unbiased, as PyTorch
                }
                rm[ch] = 0.75 * rm[ch] + 0.25 * meanOfMeans;
                rv[ch] = 0.75 * rv[ch] + 0.25 * meanOfVars;
            }
        }
        assertArrayEquals(rm, norm.runningMean().toDoubleArray(), 1e-14);
        assertArrayEquals(rv, norm.runningVar().toDoubleArray(), 1e-14);

        double[] before = norm.runningMean().toDoubleArray();
        norm.eval();
        double[] x = uniform(20, n * c * hw, -1, 1);
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = (i / hw) % c;
            expected[i] = (x[i] - rm[ch]) / Math.sqrt(rv[ch] + 1e-5);   // weight 1, bias 0
        }
        assertClose(norm.forward(tensor(x, n, c, h, w)), new int[]{n, c, h, w}, expected, 1e-14, "eval with running statistics");
        gradCheck(norm, tensor(x, n, c, h, w), 1e-6);
        assertArrayEquals(before, norm.runningMean().toDoubleArray(), 0.0, "eval leaves the running statistics alone");
    }

    @Test
    void untrackedIsTheSameInTrainAndEvalAndRejectsNothingExtra() {
        InstanceNorm2d norm = new InstanceNorm2d(ctx(2), 2);
        assertTrue(norm.stateDict().isEmpty());
        assertNull(norm.runningMean());
        Tensor x = tensor(uniform(3, 2 * 2 * 3 * 3, -1, 1), 2, 2, 3, 3);
        double[] train = norm.forward(x).toDoubleArray();
        assertArrayEquals(train, norm.eval().forward(x).toDoubleArray(), 0.0);
    }

    @Test
    void trackedTrainingNeedsMoreThanOneSpatialElement() {
        InstanceNorm2d norm = new InstanceNorm2d(ctx(3), 2, 1e-5, 0.1, false, true);
        String m = assertThrows(IllegalArgumentException.class, () -> norm.forward(tensor(new double[]{1, 2}, 1, 2, 1, 1))).getMessage();
        assertTrue(m.contains("more than 1 spatial element") && m.contains("[1, 2, 1, 1]"), m);
    }
}
