package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/** Wiring rules, state_dict names and the derived backward of {@link Graph} (random DAGs: the kit's GraphCases). */
class GraphTest {

    /** Tanh that counts its backward calls. */
    static final class CountingTanh extends Tanh {
        int backwardCalls;
        @Override public Tensor backward(Tensor dY) { backwardCalls++; return super.backward(dY); }
    }

    /** conv → bn → relu → conv → bn, plus the input: a ResNet basic block. */
    private static Graph block(Context ctx, int c) {
        return new Graph()
                .add("conv1", new Conv2d(ctx, c, c, 3, 1, 1, 1, false), Graph.INPUT)
                .add("bn1", new BatchNorm2d(ctx, c), "conv1")
                .add("relu1", new ReLU(), "bn1")
                .add("conv2", new Conv2d(ctx, c, c, 3, 1, 1, 1, false), "relu1")
                .add("bn2", new BatchNorm2d(ctx, c), "conv2")
                .add("sum", Merge.add(), "bn2", Graph.INPUT)
                .output("sum");
    }

    @Test
    void stateDictNamesComeFromNodeNamesIncludingNestedGraphsAndSequentials() {
        Context ctx = ctx(1);
        Graph g = new Graph()
                .add("stem", new Conv2d(ctx, 1, 2, 3, 1, 1), Graph.INPUT)
                .add("act", new ReLU(), "stem")
                .add("block1", block(ctx, 2), "act")
                .add("head", new Sequential(new Flatten(), new Linear(ctx, 2 * 4 * 4, 3)), "block1")
                .output("head");
        assertEquals(List.of("stem.weight", "stem.bias",
                        "block1.conv1.weight", "block1.bn1.weight", "block1.bn1.bias", "block1.bn1.running_mean", "block1.bn1.running_var",
                        "block1.conv2.weight", "block1.bn2.weight", "block1.bn2.bias", "block1.bn2.running_mean", "block1.bn2.running_var",
                        "head.1.weight", "head.1.bias"),
                List.copyOf(g.stateDict().keySet()));
        assertArrayEquals(new int[]{2, 3}, g.forward(randn(2, 2, 1, 4, 4)).shape());
        g.eval();
        assertFalse(((Graph) g.module("block1")).module("bn1").isTraining());
    }

    @Test
    void fanOutSumsGradientsAndCallsEachBackwardOnce() {
        CountingTanh t = new CountingTanh();
        // y = t(x) + t(x)·x  with t read by two consumers and x by three
        Graph g = new Graph()
                .add("t", t, Graph.INPUT)
                .add("prod", Merge.mul(), "t", Graph.INPUT)
                .add("y", Merge.add(), "t", "prod")
                .output("y");
        double[] xs = uniform(3, 6, -1, 1);
        Tensor x = tensor(xs, 2, 3);
        double[] y = g.forward(x).toDoubleArray();
        double[] dy = uniform(4, 6, -1, 1);
        double[] dx = g.backward(tensor(dy, 2, 3)).toDoubleArray();
        assertEquals(1, t.backwardCalls);
        for (int i = 0; i < 6; i++) {
            double th = Math.tanh(xs[i]), dth = 1 - th * th;
            assertEquals(th + th * xs[i], y[i], 1e-15);
            assertEquals(dy[i] * (dth + dth * xs[i] + th), dx[i], 1e-14, "dx[" + i + "]");
        }
        gradCheck(g, x, 1e-7);
    }

    @Test
    void catSplitsTheGradientByChannels() {
        Context ctx = ctx(5);
        Graph g = new Graph()
                .add("a", new Conv2d(ctx, 2, 3, 1), Graph.INPUT)
                .add("b", new Sigmoid(), Graph.INPUT)
                .add("cat", Merge.cat(), "a", "b", "a")
                .output("cat");
        Tensor x = randn(6, 2, 2, 3, 3);
        assertArrayEquals(new int[]{2, 8, 3, 3}, g.forward(x).shape());
        gradCheck(g, x, 1e-7);
    }

    @Test
    void residualBlockWithBatchNormMatchesFiniteDifferences() {
        gradCheck(block(ctx(7), 2), randn(8, 2, 2, 4, 4), 1e-6);
    }

    @Test
    void wiringMistakesAreReportedWithTheFix() {
        Context ctx = ctx(9);
        Graph g = new Graph().add("a", new ReLU(), Graph.INPUT);
        String unknown = assertThrows(IllegalArgumentException.class, () -> g.add("b", new ReLU(), "c")).getMessage();
        assertTrue(unknown.contains("'c', which is not an earlier node") && unknown.contains("known: input, a"), unknown);
        String dup = assertThrows(IllegalArgumentException.class, () -> g.add("a", new ReLU(), "input")).getMessage();
        assertTrue(dup.contains("'a' exists already"), dup);
        Module shared = g.module("a");
        String reuse = assertThrows(IllegalArgumentException.class, () -> g.add("b", shared, "a")).getMessage();
        assertTrue(reuse.contains("reuses") && reuse.contains("node 'a'"), reuse);
        String dotted = assertThrows(IllegalArgumentException.class, () -> g.add("x.y", Merge.add(), "a", "a")).getMessage();
        assertTrue(dotted.contains("invalid node name 'x.y'"), dotted);
        g.add("dead", new Conv2d(ctx, 1, 1, 1), "input").add("b", new Tanh(), "a");
        String dead = assertThrows(IllegalArgumentException.class, () -> g.output("b")).getMessage();
        assertTrue(dead.contains("node 'dead' does not reach the output 'b'"), dead);
        String early = assertThrows(IllegalStateException.class, () -> g.forward(randn(1, 1, 1, 2, 2))).getMessage();
        assertTrue(early.contains("call output(name)"), early);
        String shapes = assertThrows(IllegalArgumentException.class, () -> new Graph()
                .add("c", new Conv2d(ctx, 1, 2, 1), "input").add("s", Merge.add(), "c", "input").output("s")
                .forward(randn(2, 1, 1, 2, 2))).getMessage();
        assertTrue(shapes.contains("input 1 has shape [1, 1, 2, 2] but input 0 has [1, 2, 2, 2]"), shapes);
        Graph done = new Graph().add("a", new ReLU(), "input").output("a");
        assertThrows(IllegalStateException.class, () -> done.add("b", new ReLU(), "a"));
        assertTrue(done.describe().contains("(a): ReLU() <- input"), done.describe());
    }
}
