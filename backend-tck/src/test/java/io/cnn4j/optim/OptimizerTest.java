package io.cnn4j.optim;

import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Three optimizer steps with prescribed gradients, compared with PyTorch's update formulas evaluated element by
 * element in plain Java (torch.optim.SGD / Adam / AdamW, single-tensor code path).
 */
class OptimizerTest {
    static final int STEPS = 3;
    static final double[] P0 = {0.5, -1.0, 2.0, 0.25, -0.75, 1.5, -0.1};

    /** Two parameters "a" [3] and "b" [2, 2] holding P0. */
    static Map<String, Parameter> params() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put("a", new Parameter("a", tensor(new double[]{P0[0], P0[1], P0[2]}, 3)));
        m.put("b", new Parameter("b", tensor(new double[]{P0[3], P0[4], P0[5], P0[6]}, 2, 2)));
        return m;
    }

    /** The gradient of element i at step s (0-based), varied in sign and size. */
    static double grad(int s, int i) { return Math.sin(1.7 * i + 0.9 * s + 0.3) * (1 + s); }

    static void setGrads(Map<String, Parameter> ps, int s) {
        Backend b = backend();
        int off = 0;
        for (Parameter p : ps.values()) {
            int n = Math.toIntExact(p.value().numel());
            double[] g = new double[n];
            for (int i = 0; i < n; i++) g[i] = grad(s, off + i);
            p.setGrad(b.fromArray(g, p.value().shape()));
            off += n;
        }
    }

    static double[] flat(Map<String, Parameter> ps) {
        double[] out = new double[P0.length];
        int off = 0;
        for (Parameter p : ps.values()) {
            double[] v = p.value().toDoubleArray();
            System.arraycopy(v, 0, out, off, v.length);
            off += v.length;
        }
        return out;
    }

    static double[] run(Function<Map<String, Parameter>, Optimizer> make, int steps) {
        Map<String, Parameter> ps = params();
        Optimizer opt = make.apply(ps);
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            setGrads(ps, s);
            opt.step();
        }
        assertEquals(steps, opt.stepCount());
        return flat(ps);
    }

    static double[] sgdReference(double lr, double momentum, double dampening, double wd, boolean nesterov) {
        double[] p = P0.clone(), buf = new double[p.length];
        for (int s = 0; s < STEPS; s++)
            for (int i = 0; i < p.length; i++) {
                double g = grad(s, i) + wd * p[i];
                if (momentum != 0) {
                    buf[i] = s == 0 ? g : momentum * buf[i] + (1 - dampening) * g;
                    g = nesterov ? g + momentum * buf[i] : buf[i];
                }
                p[i] -= lr * g;
            }
        return p;
    }

    static double[] adamReference(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        double[] p = P0.clone(), m = new double[p.length], v = new double[p.length];
        for (int s = 0; s < STEPS; s++) {
            int t = s + 1;
            for (int i = 0; i < p.length; i++) {
                double g = grad(s, i);
                if (decoupled) p[i] *= 1 - lr * wd;
                else g += wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t)), vHat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return p;
    }

    @Test
    void sgdVariantsFollowPyTorch() {
        assertClose(run(ps -> new SGD(ps, 0.1), STEPS), sgdReference(0.1, 0, 0, 0, false), 1e-14, "SGD plain");
        assertClose(run(ps -> new SGD(ps, 0.1, 0.9), STEPS), sgdReference(0.1, 0.9, 0, 0, false), 1e-14, "SGD momentum");
        assertClose(run(ps -> new SGD(ps, 0.1, 0.9, 0.1, 0.01, false), STEPS), sgdReference(0.1, 0.9, 0.1, 0.01, false), 1e-14,
                "SGD momentum+dampening+weight decay");
        assertClose(run(ps -> new SGD(ps, 0.05, 0.9, 0, 0.1, true), STEPS), sgdReference(0.05, 0.9, 0, 0.1, true), 1e-14, "SGD nesterov");
    }

    @Test
    void sgdFirstMomentumStepIsPlainSgd() {
        // PyTorch initialises the momentum buffer with the first gradient (no dampening on step 1)
        assertClose(run(ps -> new SGD(ps, 0.1, 0.9, 0.5, 0, false), 1), run(ps -> new SGD(ps, 0.1), 1), 1e-15, "first step");
    }

    @Test
    void adamAndAdamWFollowPyTorch() {
        assertClose(run(ps -> new Adam(ps, 1e-2), STEPS), adamReference(1e-2, 0.9, 0.999, 1e-8, 0, false), 1e-13, "Adam");
        assertClose(run(ps -> new Adam(ps, 1e-2, 0.8, 0.99, 1e-6, 0.1), STEPS), adamReference(1e-2, 0.8, 0.99, 1e-6, 0.1, false), 1e-13,
                "Adam with L2 weight decay");
        assertClose(run(AdamW::new, STEPS), adamReference(1e-3, 0.9, 0.999, 1e-8, 1e-2, true), 1e-13, "AdamW defaults");
        assertClose(run(ps -> new AdamW(ps, 5e-2, 0.9, 0.999, 1e-8, 0.3), STEPS), adamReference(5e-2, 0.9, 0.999, 1e-8, 0.3, true), 1e-13,
                "AdamW decoupled decay");
    }

    @Test
    void adamFirstStepMovesEachWeightByLrTimesSignOfGradient() {
        // hand-computed: with bias correction, m̂ = g and v̂ = g², so p1 = p0 - lr·g/(|g| + eps)
        double[] p1 = run(ps -> new Adam(ps, 0.01), 1);
        for (int i = 0; i < P0.length; i++) assertEquals(P0[i] - 0.01 * Math.signum(grad(0, i)), p1[i], 1e-9, "element " + i);
    }

    @Test
    void stateExportImportResumesExactly() {
        for (Function<Map<String, Parameter>, Optimizer> make : List.<Function<Map<String, Parameter>, Optimizer>>of(
                ps -> new SGD(ps, 0.1, 0.9, 0.1, 0.01, false), ps -> new Adam(ps, 1e-2, 0.9, 0.999, 1e-8, 0.05),
                ps -> new AdamW(ps, 1e-2))) {
            double[] uninterrupted = run(make, STEPS);
            // first run: two steps, then save parameters and optimizer state to the host
            Map<String, Parameter> ps = params();
            Optimizer first = make.apply(ps);
            for (int s = 0; s < 2; s++) { first.zeroGrad(); setGrads(ps, s); first.step(); }
            Map<String, double[]> saved = new LinkedHashMap<>();
            Map<String, int[]> shapes = new LinkedHashMap<>();
            first.state().forEach((k, v) -> { saved.put(k, v.toDoubleArray()); shapes.put(k, v.shape()); });
            assertTrue(saved.containsKey("step"));
            assertEquals(2.0, saved.get("step")[0]);
            // second run: fresh optimizer over the saved parameters, state restored, third step
            Map<String, Parameter> resumed = params();
            int off = 0;
            double[] flatSaved = flat(ps);
            for (Parameter p : resumed.values()) {
                int n = Math.toIntExact(p.value().numel());
                double[] v = new double[n];
                System.arraycopy(flatSaved, off, v, 0, n);
                backend().copy(tensor(v, p.value().shape()), p.value());
                off += n;
            }
            Optimizer second = make.apply(resumed);
            Map<String, Tensor> state = new LinkedHashMap<>();
            saved.forEach((k, v) -> state.put(k, tensor(v, shapes.get(k))));
            second.loadState(state);
            assertEquals(2, second.stepCount());
            second.zeroGrad();
            setGrads(resumed, 2);
            second.step();
            assertArrayEquals(uninterrupted, flat(resumed), 0.0, second.toString());
        }
    }

    @Test
    void stateNamesFollowPyTorch() {
        assertEquals(List.of("a.exp_avg", "a.exp_avg_sq", "b.exp_avg", "b.exp_avg_sq", "step"), List.copyOf(new Adam(params()).state().keySet()));
        assertEquals(List.of("a.momentum_buffer", "b.momentum_buffer", "step"), List.copyOf(new SGD(params(), 0.1, 0.9).state().keySet()));
        assertEquals(List.of("step"), List.copyOf(new SGD(params(), 0.1).state().keySet()));
    }

    @Test
    void badStateAndArgumentsAreRejected() {
        Adam adam = new Adam(params());
        Map<String, Tensor> st = new LinkedHashMap<>(adam.state());
        st.remove("b.exp_avg");
        String missing = assertThrows(IllegalArgumentException.class, () -> adam.loadState(st)).getMessage();
        assertTrue(missing.contains("b.exp_avg"), missing);
        Map<String, Tensor> wrong = new LinkedHashMap<>(adam.state());
        wrong.put("a.exp_avg", randn(1, 4));
        String shape = assertThrows(IllegalArgumentException.class, () -> adam.loadState(wrong)).getMessage();
        assertTrue(shape.contains("a.exp_avg") && shape.contains("[4]") && shape.contains("[3]"), shape);
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(), -1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(params(), 0.1, 0, 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Adam(params(), 1e-3, 1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(new LinkedHashMap<>()));
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Map<String, Parameter> ps = params();
        setGrads(ps, 1);
        new SGD(ps, 0.1).zeroGrad();
        for (Parameter p : ps.values()) for (double g : p.grad().toDoubleArray()) assertEquals(0.0, g);
    }
}
