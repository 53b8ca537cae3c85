package io.cnn4j.optim;

import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Graph;
import io.cnn4j.nn.Merge;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.nn.ReLU;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A parameter that received no gradient since {@code zeroGrad} is skipped by the optimizers, as PyTorch skips one whose
 * {@code .grad} is None: a model with a shared residual trunk (a Graph) and two heads, trained through head "a" only.
 */
class UnusedParametersTest {

    /** trunk → head a or head b, chosen per step (a multi-task model); every part is a Graph. */
    static final class TwoHeads extends Module {
        final Graph trunk, a, b;
        boolean useB;

        TwoHeads(Context ctx) {
            trunk = addModule("trunk", new Graph()
                    .add("conv", new Conv2d(ctx, 1, 1, 3, 1, 1), Graph.INPUT)
                    .add("relu", new ReLU(), "conv")
                    .add("skip", Merge.add(), "relu", Graph.INPUT)
                    .output("skip"));
            a = addModule("a", head(ctx));
            b = addModule("b", head(ctx));
        }

        private static Graph head(Context ctx) { return new Graph().add("conv", new Conv2d(ctx, 1, 1, 3, 1, 1), Graph.INPUT).output("conv"); }

        @Override
        public Tensor forward(Tensor x) { return (useB ? b : a).forward(trunk.forward(x)); }

        @Override
        public Tensor backward(Tensor dY) { return trunk.backward((useB ? b : a).backward(dY)); }
    }

    private static Map<String, double[]> snapshot(Map<String, ? extends Object> m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, (v instanceof Parameter p ? p.value() : (Tensor) v).toDoubleArray()));
        return out;
    }

    private static void trainSteps(TwoHeads model, Optimizer opt, int steps) {
        Tensor x = randn(5, 2, 1, 4, 4), target = randn(6, 2, 1, 4, 4);
        MSELoss loss = new MSELoss();
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            loss.forward(model.forward(x), target);
            model.backward(loss.backward());
            opt.step();
        }
    }

    private static void unusedHeadKeepsItsWeightsAndState(Function<Map<String, Parameter>, Optimizer> make) {
        TwoHeads model = new TwoHeads(ctx(11));
        Optimizer opt = make.apply(model.namedParameters());
        Map<String, double[]> before = snapshot(model.namedParameters()), stateBefore = snapshot(opt.state());
        trainSteps(model, opt, 3);
        Map<String, double[]> after = snapshot(model.namedParameters()), state = snapshot(opt.state());
        for (String k : before.keySet()) {
            boolean unused = k.startsWith("b.");
            if (unused) assertArrayEquals(before.get(k), after.get(k), 0.0, opt + ": unused " + k + " must keep its value bit-exactly");
            else assertFalse(java.util.Arrays.equals(before.get(k), after.get(k)), opt + ": used " + k + " must move");
            assertFalse(model.namedParameters().get(k).hasGrad() && unused, k + " never received a gradient");
        }
        for (String k : state.keySet())
            if (k.startsWith("b.")) assertArrayEquals(stateBefore.get(k), state.get(k), 0.0, opt + ": optimizer state " + k + " must not change");
    }

    @Test
    void sgdWithMomentumAndWeightDecaySkipsTheUnusedHead() {
        unusedHeadKeepsItsWeightsAndState(ps -> new SGD(ps, 0.1, 0.9, 0, 0.01, false));
    }

    @Test
    void adamWSkipsTheUnusedHead() {
        unusedHeadKeepsItsWeightsAndState(ps -> new AdamW(ps, 0.01, 0.9, 0.999, 1e-8, 0.1));
    }

    /**
     * When head "b" is first used at the optimizer's 4th step, its update is PyTorch's first update of a parameter:
     * SGD's momentum buffer starts as the gradient (not (1 − dampening)·gradient), and Adam's bias correction uses
     * t = 1, so each element of Adam's first step moves by lr·g/(|g| + eps) ≈ lr.
     */
    @Test
    void aParameterFirstUsedLaterTakesAFirstStep() {
        TwoHeads sgdModel = new TwoHeads(ctx(12));
        SGD sgd = new SGD(sgdModel.namedParameters(), 0.1, 0.9, 0.5, 0, false);
        trainSteps(sgdModel, sgd, 3);
        sgdModel.useB = true;
        Parameter w = sgdModel.namedParameters().get("b.conv.weight");
        double[] w0 = w.value().toDoubleArray();
        trainSteps(sgdModel, sgd, 1);
        double[] g = w.grad().toDoubleArray(), w1 = w.value().toDoubleArray(), buf = sgd.state().get("b.conv.weight.momentum_buffer").toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i], buf[i], 0.0, "momentum buffer on the first update");
            assertEquals(w0[i] - 0.1 * g[i], w1[i], 1e-15);
        }

        TwoHeads adamModel = new TwoHeads(ctx(13));
        Adam adam = new Adam(adamModel.namedParameters(), 0.01);
        trainSteps(adamModel, adam, 3);
        adamModel.useB = true;
        Parameter v = adamModel.namedParameters().get("b.conv.weight");
        double[] v0 = v.value().toDoubleArray();
        trainSteps(adamModel, adam, 1);
        double[] ga = v.grad().toDoubleArray(), v1 = v.value().toDoubleArray();
        for (int i = 0; i < ga.length; i++) assertEquals(v0[i] - 0.01 * ga[i] / (Math.abs(ga[i]) + 1e-8), v1[i], 1e-12, "Adam's first update");
    }

    @Test
    void zeroGradMarksGradientsAbsentAndBackwardMarksThemPresent() {
        TwoHeads model = new TwoHeads(ctx(14));
        Parameter p = model.namedParameters().get("a.conv.weight");
        assertFalse(p.hasGrad(), "no gradient before any backward");
        MSELoss loss = new MSELoss();
        loss.forward(model.forward(randn(7, 1, 1, 3, 3)), randn(8, 1, 1, 3, 3));
        model.backward(loss.backward());
        assertTrue(p.hasGrad());
        assertFalse(model.namedParameters().get("b.conv.weight").hasGrad());
        model.zeroGrad();
        assertFalse(p.hasGrad());
        for (double d : p.grad().toDoubleArray()) assertEquals(0.0, d);
        String m = assertThrows(IllegalArgumentException.class, () -> p.setGrad(randn(9, 3))).getMessage();
        assertTrue(m.contains("weight") && m.contains("[3]") && m.contains("[1, 1, 3, 3]"), m);
    }
}
