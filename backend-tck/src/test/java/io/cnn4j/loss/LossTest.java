package io.cnn4j.loss;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.ToDoubleFunction;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class LossTest {

    /** Central differences of a scalar function of a host array. */
    private static double[] numericGrad(double[] x, ToDoubleFunction<double[]> f) {
        double h = 1e-5;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + h;
            double lp = f.applyAsDouble(x);
            x[i] = keep - h;
            double lm = f.applyAsDouble(x);
            x[i] = keep;
            g[i] = (lp - lm) / (2 * h);
        }
        return g;
    }

    @Test
    void mseMeanValueAndBothGradients() {
        int[] shape = {2, 3, 2, 2};
        double[] p = uniform(71, 24, -1, 1), t = uniform(72, 24, -1, 1);
        MSELoss mse = new MSELoss();
        double expected = 0;
        for (int i = 0; i < 24; i++) expected += (p[i] - t[i]) * (p[i] - t[i]) / 24;
        Tensor loss = mse.forward(tensor(p, shape), tensor(t, shape));
        assertEquals(0, loss.rank(), "the loss is a scalar tensor");
        assertEquals(expected, loss.item(), 1e-15);
        Tensor dp = mse.backward(), dt = mse.targetGrad();
        assertClose(dp, shape, numericGrad(p.clone(), v -> new MSELoss().forward(tensor(v, shape), tensor(t, shape)).item()), 1e-8, "dL/dpred");
        assertClose(dt, shape, numericGrad(t.clone(), v -> new MSELoss().forward(tensor(p, shape), tensor(v, shape)).item()), 1e-8, "dL/dtarget");
        MSELoss sum = new MSELoss("sum");
        assertEquals(expected * 24, sum.forward(tensor(p, shape), tensor(t, shape)).item(), 1e-13);
        assertClose(sum.backward().toDoubleArray(), dp.mul(24.0).toDoubleArray(), 1e-14, "sum reduction gradient");
    }

    @Test
    void mseRejectsShapeMismatch() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new MSELoss().forward(randn(1, 2, 3), randn(2, 3, 2))).getMessage();
        assertTrue(m.startsWith("MSELoss()") && m.contains("[2, 3]") && m.contains("[3, 2]"), m);
        assertThrows(IllegalArgumentException.class, () -> new MSELoss("none"));
        assertThrows(IllegalStateException.class, () -> new MSELoss().backward());
    }

    private static double naiveCrossEntropy(double[] z, int n, int k, int[] y) {
        double total = 0;
        for (int r = 0; r < n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) max = Math.max(max, z[r * k + c]);
            double s = 0;
            for (int c = 0; c < k; c++) s += Math.exp(z[r * k + c] - max);
            total += -(z[r * k + y[r]] - max - Math.log(s));
        }
        return total / n;
    }

    @Test
    void crossEntropyValueAndGradient() {
        int n = 5, k = 4;
        int[] y = {0, 3, 1, 1, 2};
        double[] z = uniform(73, n * k, -3, 3);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        assertEquals(naiveCrossEntropy(z, n, k, y), ce.forward(tensor(z, n, k), y).item(), 1e-14);
        assertClose(ce.backward(), new int[]{n, k},
                numericGrad(z.clone(), v -> new CrossEntropyLoss().forward(tensor(v, n, k), y).item()), 1e-8, "dL/dlogits");
        double[] probs = ce.probabilities().toDoubleArray();
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int c = 0; c < k; c++) s += probs[r * k + c];
            assertEquals(1.0, s, 1e-14);
        }
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        double[] z = {1000, 990, -1000, 0, 2000, 1999};
        int[] y = {1, 0, 1};
        CrossEntropyLoss ce = new CrossEntropyLoss();
        double l = ce.forward(tensor(z, 3, 2), y).item();
        double expected = (Math.log1p(Math.exp(-10)) + 10 + (1000 + Math.log1p(Math.exp(-1000))) + Math.log1p(Math.exp(-1)) + 1) / 3;
        assertEquals(expected, l, 1e-12);
        for (double g : ce.backward().toDoubleArray()) assertTrue(Double.isFinite(g));
    }

    @Test
    void crossEntropyBadInput() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        String range = assertThrows(IllegalArgumentException.class, () -> ce.forward(randn(1, 2, 3), new int[]{0, 3})).getMessage();
        assertTrue(range.contains("target 3 at index 1") && range.contains("[0, 2]"), range);
        String count = assertThrows(IllegalArgumentException.class, () -> ce.forward(randn(1, 2, 3), new int[]{0})).getMessage();
        assertTrue(count.contains("expected 2 target class indices") && count.contains("[2, 3]"), count);
        String rank = assertThrows(IllegalArgumentException.class, () -> ce.forward(randn(1, 2, 3, 1, 1), new int[]{0, 1})).getMessage();
        assertTrue(rank.contains("[N, K]") && rank.contains("[2, 3, 1, 1]"), rank);
    }

    /** PyTorch 1.13: cross_entropy([[0, -inf, 1]], [0]) = 1.3133 with gradient [-0.7311, 0, 0.7311]. */
    @Test
    void crossEntropyWithAMinusInfinityNonTargetLogitIsFinite() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        double l = ce.forward(tensor(new double[]{0, Double.NEGATIVE_INFINITY, 1}, 1, 3), new int[]{0}).item();
        assertEquals(Math.log(1 + Math.E), l, 1e-15);
        double p = Math.E / (1 + Math.E);
        assertArrayEquals(new double[]{-p, 0, p}, ce.backward().toDoubleArray(), 1e-15);
    }

    @Test
    void reductionNoneReturnsPerElementLossesAndNeedsAnUpstreamGradient() {
        L1Loss l = new L1Loss("none");
        Tensor y = l.forward(tensor(new double[]{1, -2, 3}, 3), tensor(new double[]{0, 0, 5}, 3));
        assertArrayEquals(new double[]{1, 2, 2}, y.toDoubleArray(), 0.0);
        String m = assertThrows(IllegalArgumentException.class, l::backward).getMessage();
        assertTrue(m.contains("reduction='none'") && m.contains("backward(gradOutput)"), m);
        assertArrayEquals(new double[]{0.5, -2, -3}, l.backward(tensor(new double[]{0.5, 2, 3}, 3)).toDoubleArray(), 0.0);
        String bad = assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss("avg", 1.0)).getMessage();
        assertEquals("SmoothL1Loss: reduction must be 'mean', 'sum' or 'none', got 'avg'", bad);
    }

    @Test
    void crossEntropyIgnoresRowsAndWeighsClassesLikePyTorch() {
        // rows 0 and 2 count with weights 2 and 0.5; row 1 is ignored: mean = (2·ce0 + 0.5·ce2) / 2.5
        double[] logits = {1, 2, 0, 3, 1, 1};
        CrossEntropyLoss ce = new CrossEntropyLoss(new double[]{0.5, 2}, 7, "mean", 0.0);
        double l = ce.forward(tensor(logits, 3, 2), new int[]{1, 7, 0}).item();
        double ce0 = Math.log(Math.exp(1) + Math.exp(2)) - 2, ce2 = Math.log(2 * Math.E) - 1;
        assertEquals((2 * ce0 + 0.5 * ce2) / 2.5, l, 1e-15);
        double[] g = ce.backward().toDoubleArray();
        assertEquals(0, g[2], 0.0);
        assertEquals(0, g[3], 0.0);
    }

    /** ℓ = −w·[p·t·log σ(x) + (1 − t)·log(1 − σ(x))] written directly (fine for moderate logits). */
    private static double naiveWeightedBce(double[] x, double[] t, double[] w, double[] pos, int c) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-x[i]));
            total += -w[i / c] * (pos[i % c] * t[i] * Math.log(s) + (1 - t[i]) * Math.log(1 - s));
        }
        return total / x.length;
    }

    @Test
    void bceWithLogitsWeightAndPosWeight() {
        int n = 3, c = 4;
        int[] shape = {n, c};
        double[] x = uniform(81, n * c, -3, 3), t = uniform(82, n * c, 0, 1), w = {0.5, 1.5, 2.0}, pos = {1.0, 3.0, 0.25, 2.0};
        Tensor weight = tensor(w, n, 1), posWeight = tensor(pos, c);
        BCEWithLogitsLoss loss = new BCEWithLogitsLoss(weight, "mean", posWeight);
        assertEquals(naiveWeightedBce(x, t, w, pos, c), loss.forward(tensor(x, shape), tensor(t, shape)).item(), 1e-14);
        assertClose(loss.backward(), shape, numericGrad(x.clone(),
                v -> new BCEWithLogitsLoss(weight, "mean", posWeight).forward(tensor(v, shape), tensor(t, shape)).item()), 1e-8, "dL/dx");
        // the stable form stays finite where the naive one overflows
        double[] big = {-200, 200, -200, 200}, tb = {1, 0, 0.5, 0.5};
        BCEWithLogitsLoss none = new BCEWithLogitsLoss(null, "none", tensor(new double[]{2.0}, 1));
        double[] l = none.forward(tensor(big, 4), tensor(tb, 4)).toDoubleArray();
        // (1 − t)·x + (1 + (p − 1)·t)·max(−x, 0) with p = 2: 2·200, 200, 0.5·(−200) + 1.5·200, 0.5·200
        assertArrayEquals(new double[]{400, 200, 200, 100}, l, 1e-9);
        assertEquals("BCEWithLogitsLoss(weight=[3, 1], pos_weight=[4])", loss.toString());
        String m = assertThrows(IllegalArgumentException.class, () -> new BCEWithLogitsLoss(null, "mean", tensor(pos, c))
                .forward(tensor(uniform(1, 6, -1, 1), 2, 3), tensor(uniform(2, 6, 0, 1), 2, 3))).getMessage();
        assertTrue(m.contains("pos_weight of shape [4]") && m.contains("[2, 3]"), m);
    }
}
