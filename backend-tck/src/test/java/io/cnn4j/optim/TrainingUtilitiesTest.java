package io.cnn4j.optim;

import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Graph;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.Parameter;
import io.cnn4j.nn.Sequential;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Schedulers and clip_grad_norm_ against values printed by PyTorch 1.13 (lr 0.1 before each step), freezing and
 * weight-decay groups.
 */
class TrainingUtilitiesTest {

    private static Parameter param(double... v) { return new Parameter("w", tensor(v, v.length)); }

    private static double[] lrs(LRScheduler s, Optimizer o, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = o.lr();
            o.step();
            s.step();
        }
        return out;
    }

    private static SGD sgd() { return new SGD(Map.of("w", param(0)), 0.1); }

    @Test
    void stepLinearAndOneCycleMatchPyTorch() {
        SGD a = sgd();
        assertArrayEquals(new double[]{0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025}, lrs(new StepLR(a, 3, 0.5), a, 8), 1e-15);
        SGD b = sgd();
        assertArrayEquals(new double[]{0.025, 0.04375, 0.0625, 0.08125, 0.1, 0.1, 0.1}, lrs(new LinearLR(b, 0.25, 1.0, 4), b, 7), 1e-15);
        SGD c = new SGD(Map.of("w", param(0)), 0.1, 0.9);
        assertArrayEquals(new double[]{0.04, 0.52, 1.0, 0.9504846320134737, 0.8117456539497631, 0.6112620219362893,
                0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4e-06}, lrs(new OneCycleLR(c, 1.0, 10), c, 10), 1e-14);
        String m = assertThrows(IllegalStateException.class, () -> new OneCycleLR(c, 1.0, 3).setLastEpoch(4)).getMessage();
        assertTrue(m.contains("total_steps is 3"), m);
    }

    /**
     * PyTorch 1.13: {@code OneCycleLR(opt, max_lr=1.0, total_steps=10, pct_start=0.25, base_momentum=0.8,
     * max_momentum=0.9)} on {@code SGD(lr=0.1, momentum=0.9)} and on {@code Adam(lr=0.1, betas=(0.9, 0.99))}: the
     * param group's lr and momentum / betas[0] before each step (β2 stays 0.99).
     */
    @Test
    void oneCycleCyclesMomentumLikePyTorch() {
        double[] lr = {0.040000000000000036, 0.7599999999999999, 0.9890738440717014, 0.904508879153485, 0.750001, 0.5522660225769003,
                0.3454941208465151, 0.16543803508178376, 0.04323109826961479, 4e-06};
        double[] momentum = {0.9, 0.8250000000000001, 0.8010926199633097, 0.8095491502812526, 0.8250000000000001, 0.8447735768366174,
                0.8654508497187474, 0.8834565303179429, 0.8956772728821301, 0.9};
        List<MomentumOptimizer> optimizers = List.of(new SGD(Map.of("w", param(0)), 0.1, 0.9),
                new Adam(Map.of("w", param(0)), 0.1, 0.9, 0.99, 1e-8, 0));
        for (MomentumOptimizer o : optimizers) {
            OneCycleLR s = new OneCycleLR(o, 1.0, 10, 0.25, true, 0.8, 0.9, 25, 1e4);
            double[] lrs = new double[10], ms = new double[10];
            for (int i = 0; i < 10; i++) {
                lrs[i] = o.lr();
                ms[i] = o.momentum();
                o.step();
                s.step();
            }
            assertArrayEquals(lr, lrs, 1e-14, o.toString());
            assertArrayEquals(momentum, ms, 1e-14, o.toString());
        }
        assertTrue(optimizers.get(1).toString().contains("0.99"), optimizers.get(1).toString());
        SGD plain = sgd();
        String m = assertThrows(IllegalArgumentException.class, () -> new OneCycleLR(plain, 1.0, 10)).getMessage();
        assertTrue(m.contains("cycle_momentum=True needs an optimizer with momentum") && m.contains("cycleMomentum=false"), m);
        new OneCycleLR(plain, 1.0, 10, 0.3, false, 0.85, 0.95, 25, 1e4);
        assertEquals(0.04, plain.lr(), 1e-15);
        assertEquals(0.0, plain.momentum());
    }

    @Test
    void clipGradNormScalesByTheGlobalNormLikePyTorch() {
        Parameter p = param(0, 0), q = param(0, 0, 0);
        p.setGrad(tensor(new double[]{3, 4}, 2));
        q.setGrad(tensor(new double[]{0, 12, 0}, 3));
        assertEquals(13.0, ClipGrad.clipGradNorm(List.of(p, q), 6.5), 0.0);
        double c = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[]{3 * c, 4 * c}, p.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[]{0, 12 * c, 0}, q.grad().toDoubleArray(), 1e-15);
        assertEquals(6.5, ClipGrad.clipGradNorm(List.of(p, q), 100), 1e-5);          // below the limit: unchanged
        assertArrayEquals(new double[]{3 * c, 4 * c}, p.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void frozenParametersAreNotMovedByMomentumAdamOrWeightDecay() {
        Context ctx = ctx(3);
        Sequential net = new Sequential(new Linear(ctx, 2, 2), new Linear(ctx, 2, 1));
        net.get(0).requiresGrad(false);
        Map<String, Parameter> ps = net.namedParameters();
        double[] frozen = ps.get("0.weight").value().toDoubleArray(), trained = ps.get("1.weight").value().toDoubleArray();
        for (Optimizer o : List.of(new SGD(ps, 0.1, 0.9, 0, 0.01, false), new Adam(ps, 0.1, 0.9, 0.999, 1e-8, 0.01),
                new AdamW(ps, 0.1, 0.9, 0.999, 1e-8, 0.01))) {
            for (int i = 0; i < 3; i++) {
                o.zeroGrad();
                Tensor y = net.forward(randn(4, 3, 2));
                net.backward(y.mul(0).add(1));
                o.step();
            }
        }
        assertArrayEquals(frozen, ps.get("0.weight").value().toDoubleArray(), 0.0);
        assertFalse(java.util.Arrays.equals(trained, ps.get("1.weight").value().toDoubleArray()));
        assertFalse(ps.get("0.bias").requiresGrad());
        assertTrue(ps.get("1.bias").requiresGrad());
    }

    @Test
    void biasesAndNormsAreExcludedFromWeightDecay() {
        Context ctx = ctx(5);
        Graph g = new Graph()
                .add("conv", new Conv2d(ctx, 1, 2, 3, 1, 1), Graph.INPUT)
                .add("bn", new BatchNorm2d(ctx, 2), "conv")
                .add("head", new Sequential(new Conv2d(ctx, 2, 1, 1, 1, 0, 1, false)), "bn")
                .output("head");
        Set<String> none = ParameterGroups.biasesAndNorms(g);
        assertEquals(Set.of("conv.bias", "bn.weight", "bn.bias"), none);
        Map<String, Parameter> ps = g.namedParameters();
        SGD o = new SGD(ps, 0.1, 0, 0, 0.5, false);
        o.excludeFromWeightDecay(none);
        double[] bnWeight = ps.get("bn.weight").value().toDoubleArray(), convWeight = ps.get("conv.weight").value().toDoubleArray();
        o.zeroGrad();
        for (Parameter p : ps.values()) p.setGrad(p.value().mul(0.0));   // present but zero: only weight decay can move a parameter
        o.step();
        assertArrayEquals(bnWeight, ps.get("bn.weight").value().toDoubleArray(), 0.0);
        double[] decayed = ps.get("conv.weight").value().toDoubleArray();
        for (int i = 0; i < decayed.length; i++) assertEquals(convWeight[i] * (1 - 0.1 * 0.5), decayed[i], 1e-15);
        String m = assertThrows(IllegalArgumentException.class, () -> o.excludeFromWeightDecay(Set.of("nope"))).getMessage();
        assertTrue(m.contains("[nope]"), m);
    }
}
