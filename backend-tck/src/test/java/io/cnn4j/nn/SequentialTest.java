package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class SequentialTest {

    /** The EE559 seed network. */
    private static Sequential seed(Context ctx) {
        return new Sequential(
                new Conv2d(ctx, 3, 64, 2, 2), new ReLU(),
                new Conv2d(ctx, 64, 256, 2, 2), new ReLU(),
                new Upsampling(ctx, 256, 64, 2, 2), new ReLU(),
                new Upsampling(ctx, 64, 3, 2, 2), new Sigmoid());
    }

    @Test
    void seedNetworkNamesShapesAndRepr() {
        Sequential net = seed(ctx(61));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "6.weight", "6.bias"),
                List.copyOf(net.stateDict().keySet()));
        assertArrayEquals(new int[]{256, 64, 2, 2}, net.namedParameters().get("4.weight").value().shape());
        Tensor y = net.forward(randn(62, 2, 3, 8, 8));
        assertArrayEquals(new int[]{2, 3, 8, 8}, y.shape());
        assertTrue(net.toString().startsWith("Sequential(\n  (0): Conv2d(3, 64, kernel_size=(2, 2), stride=(2, 2))\n  (1): ReLU()"), net.toString());
        assertTrue(net.toString().endsWith("(7): Sigmoid()\n)"), net.toString());
    }

    @Test
    void composedForwardAndBackwardAreTheChainRule() {
        Context ctx = ctx(63);
        Sequential net = new Sequential(new Conv2d(ctx, 2, 3, 3, 1, 1), new Tanh(), new MaxPool2d(2),
                new Conv2d(ctx, 3, 2, 2, 1, 0, 1, false), new Flatten(), new Linear(ctx, 2 * 2 * 2, 3));
        Tensor x = randn(64, 2, 2, 6, 6);
        gradCheck(net, x, 1e-6);
        Tensor manual = x;
        for (Module m : net.layers()) manual = m.forward(manual);
        assertArrayEquals(manual.toDoubleArray(), net.forward(x).toDoubleArray(), 0.0);
    }

    @Test
    void trainEvalPropagatesToChildren() {
        BatchNorm2d bn = new BatchNorm2d(ctx(65), 2);
        Sequential net = new Sequential(new Sequential(bn));
        net.eval();
        assertFalse(bn.isTraining());
        net.train();
        assertTrue(bn.isTraining());
        assertEquals(List.of("0.0.weight", "0.0.bias", "0.0.running_mean", "0.0.running_var"), List.copyOf(net.stateDict().keySet()));
    }

    @Test
    void flattenReshapesAndRestores() {
        Flatten f = new Flatten();
        Tensor x = randn(66, 2, 3, 4, 5);
        Tensor y = f.forward(x);
        assertArrayEquals(new int[]{2, 60}, y.shape());
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0.0);
        assertArrayEquals(new int[]{2, 3, 4, 5}, f.backward(y).shape());
        assertArrayEquals(new int[]{2, 12, 5}, new Flatten(1, 2).forward(x).shape());
        assertEquals("Flatten(start_dim=1, end_dim=-1)", f.toString());
        String m = assertThrows(IllegalArgumentException.class, () -> new Flatten(2, 3).forward(randn(67, 4, 5))).getMessage();
        assertTrue(m.contains("[4, 5]"), m);
    }
}
