package io.cnn4j.examples.models;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** WideUNet's hand-written backward (skip + residual) against central finite differences in float64. */
class WideUNetTest {
    final Backend b = new ReferenceBackend();

    /** L = Σ w ⊙ y for fixed random w, so dL/dy = w. */
    double objective(WideUNet net, Tensor x, Tensor w) { return net.forward(x).mul(w).sumAll().item(); }

    @Test
    void parameterCountNamesAndRegistry() {
        WideUNet net = new WideUNet(Context.of(b, DType.FLOAT32, 0));
        assertEquals(119_075, DenoiserModels.parameterCount(net));
        assertEquals(18, net.stateDict().size());
        assertTrue(net.stateDict().containsKey("dec1b.weight"));
        assertTrue(DenoiserModels.create("wide-unet", Context.of(b, DType.FLOAT32, 0)) instanceof WideUNet);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        WideUNet net = new WideUNet(Context.of(b, DType.FLOAT64, 3), 2);
        Tensor x = b.uniform(DType.FLOAT64, 1, 0, 1, 2, 3, 6, 8);
        Tensor w = b.normal(DType.FLOAT64, 2, 0, 1, 2, 3, 6, 8);
        net.zeroGrad();
        net.forward(x);
        Tensor dx = net.backward(w);
        double h = 1e-6;
        SplittableRandom pick = new SplittableRandom(5);
        double[] xs = x.toDoubleArray(), gx = dx.toDoubleArray();
        for (int k = 0; k < 6; k++) {
            int i = pick.nextInt(xs.length);
            double[] p = xs.clone(), m = xs.clone();
            p[i] += h;
            m[i] -= h;
            double fd = (objective(net, b.fromArray(p, x.shape()), w) - objective(net, b.fromArray(m, x.shape()), w)) / (2 * h);
            assertEquals(fd, gx[i], 1e-6 * Math.max(1, Math.abs(fd)), "dL/dx[" + i + "]");
        }
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            Tensor v = e.getValue().value();
            double[] g = e.getValue().grad().toDoubleArray();
            for (int k = 0; k < 2; k++) {
                int i = pick.nextInt(g.length);
                double[] base = v.toDoubleArray();
                double[] p = base.clone(), m = base.clone();
                p[i] += h;
                m[i] -= h;
                b.copy(b.fromArray(p, v.shape()), v);
                double fp = objective(net, x, w);
                b.copy(b.fromArray(m, v.shape()), v);
                double fm = objective(net, x, w);
                b.copy(b.fromArray(base, v.shape()), v);
                double fd = (fp - fm) / (2 * h);
                assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "dL/d" + e.getKey() + "[" + i + "]");
            }
        }
    }

    @Test
    void rejectsOddSizes() {
        WideUNet net = new WideUNet(Context.of(b, DType.FLOAT32, 0), 2);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> net.forward(b.zeros(DType.FLOAT32, 1, 3, 7, 8)));
        assertTrue(ex.getMessage().contains("even"), ex.getMessage());
    }
}
