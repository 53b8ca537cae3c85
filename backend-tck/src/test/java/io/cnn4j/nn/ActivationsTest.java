package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class ActivationsTest {

    private static void check(Module m, DoubleUnaryOperator f, double[] data, int... shape) {
        Tensor x = tensor(data, shape);
        double[] expected = new double[data.length];
        for (int i = 0; i < data.length; i++) expected[i] = f.applyAsDouble(data[i]);
        assertClose(m.forward(x), shape, expected, 1e-15, m.toString());
        gradCheck(m, x, 1e-6);
    }

    @Test
    void reluLeakyReluSigmoidTanhIdentity() {
        double[] away = awayFromZero(21, 2 * 3 * 4 * 5);
        check(new ReLU(), v -> Math.max(v, 0), away, 2, 3, 4, 5);
        check(new LeakyReLU(), v -> v > 0 ? v : 0.01 * v, away, 2, 3, 4, 5);
        check(new LeakyReLU(0.2), v -> v > 0 ? v : 0.2 * v, away, 6, 20);
        double[] wide = uniform(22, 60, -4, 4);
        check(new Sigmoid(), v -> 1 / (1 + Math.exp(-v)), wide, 3, 20);
        check(new Tanh(), Math::tanh, wide, 3, 4, 5);
        check(new Identity(), v -> v, wide, 60);
    }

    @Test
    void gradientAtZeroFollowsPyTorch() {
        Tensor zero = tensor(new double[]{0.0}, 1);
        Tensor one = tensor(new double[]{1.0}, 1);
        ReLU relu = new ReLU();
        relu.forward(zero);
        assertEquals(0.0, relu.backward(one).item());
        LeakyReLU leaky = new LeakyReLU(0.1);
        leaky.forward(zero);
        assertEquals(0.1, leaky.backward(one).item(), 1e-15);
    }

    @Test
    void reprAndBackwardBeforeForward() {
        assertEquals("ReLU()", new ReLU().toString());
        assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
        assertEquals("Sigmoid()", new Sigmoid().toString());
        String m = assertThrows(IllegalStateException.class, () -> new Tanh().backward(tensor(new double[]{1}, 1))).getMessage();
        assertTrue(m.contains("Tanh()") && m.contains("before forward"), m);
        ReLU r = new ReLU();
        r.forward(tensor(new double[]{1, 2}, 2));
        String shape = assertThrows(IllegalArgumentException.class, () -> r.backward(tensor(new double[]{1, 2, 3}, 3))).getMessage();
        assertTrue(shape.contains("[2]") && shape.contains("[3]"), shape);
    }

    /** PyTorch 1.13: relu([NaN, -1, 0, 2]) = [NaN, 0, 0, 2]; backward of dy = [1, 2, 3, 4] is [1, 0, 0, 4]. */
    @Test
    void reluPropagatesNaNLikePyTorch() {
        ReLU r = new ReLU();
        double[] y = r.forward(tensor(new double[]{Double.NaN, -1, 0, 2}, 4)).toDoubleArray();
        assertTrue(Double.isNaN(y[0]), "relu(NaN) must be NaN, got " + y[0]);
        assertArrayEquals(new double[]{0, 0, 2}, new double[]{y[1], y[2], y[3]}, 0.0);
        assertArrayEquals(new double[]{1, 0, 0, 4}, r.backward(tensor(new double[]{1, 2, 3, 4}, 4)).toDoubleArray(), 0.0);
    }

    @Test
    void geluTanhForm() {
        double x = 0.7, t = Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x));
        assertEquals(0.5 * x * (1 + t), new GELU("tanh").forward(tensor(new double[]{x}, 1)).item(), 1e-15);
        assertEquals("GELU(approximate='tanh')", new GELU("tanh").toString());
    }

    /**
     * The default is PyTorch's exact form x·Φ(x); expected values are x·(1 + erf(x/√2))/2 with erf from mpmath
     * (200-bit precision), and the derivative is checked by finite differences.
     */
    @Test
    void geluDefaultIsTheExactErfForm() {
        double[] x = {-5, -2, -0.7, -0.1, 0, 0.3, 1, 2.5, 6};
        double[] erfOfXOverSqrt2 = {-0.9999994266968563, -0.9544997361036416, -0.5160726955538539, -0.07965567455405796, 0.0,
                0.23582284437790527, 0.6826894921370859, 0.9875806693484477, 0.9999999980268247};
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = x[i] * (1 + erfOfXOverSqrt2[i]) / 2;
        GELU gelu = new GELU();
        assertEquals("GELU(approximate='none')", gelu.toString());
        assertClose(gelu.forward(tensor(x, 3, 3)), new int[]{3, 3}, expected, 1e-14, "GELU()");
        gradCheck(new GELU(), tensor(uniform(23, 40, -4, 4), 5, 8), 1e-6);
        String m = assertThrows(IllegalArgumentException.class, () -> new GELU("erf")).getMessage();
        assertTrue(m.contains("'none' or 'tanh'"), m);
    }
}
