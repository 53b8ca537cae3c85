package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/** Dropout and Dropout2d: seeded masks, the 1/(1−p) scaling, identity in eval, per-channel masks. */
class DropoutTest {

    private static Tensor ones(int... shape) {
        Tensor t = backend().zeros(io.cnn4j.tensor.DType.FLOAT64, shape);
        backend().fill(t, 1.0);
        return t;
    }

    @Test
    void trainingZeroesAboutPAndScalesTheRestAndBackwardUsesTheSameMask() {
        Dropout d = new Dropout(ctx(1), 0.25);
        double[] y = d.forward(ones(100, 100)).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) zeros++;
            else assertEquals(1 / 0.75, v, 1e-15);
        }
        assertEquals(0.25, zeros / 10_000.0, 0.02, "fraction dropped");     // 4.6 standard deviations
        double[] dx = d.backward(ones(100, 100)).toDoubleArray();
        assertArrayEquals(y, dx, 0.0);
        assertEquals("Dropout(p=0.25, inplace=False)", d.toString());
    }

    @Test
    void seededAndFreshMaskEveryStep() {
        double[] a1 = new Dropout(ctx(7), 0.5).forward(ones(64)).toDoubleArray();
        Dropout b = new Dropout(ctx(7), 0.5);
        double[] b1 = b.forward(ones(64)).toDoubleArray(), b2 = b.forward(ones(64)).toDoubleArray();
        assertArrayEquals(a1, b1, 0.0, "same context seed, same first mask");
        assertFalse(java.util.Arrays.equals(b1, b2), "a new mask each forward");
    }

    @Test
    void evalAndZeroProbabilityAreTheIdentity() {
        Tensor x = randn(3, 4, 5);
        Dropout d = new Dropout(ctx(2), 0.9);
        d.eval();
        assertSame(x, d.forward(x));
        assertSame(x, new Dropout(ctx(2), 0.0).forward(x));
        assertArrayEquals(new double[20], new Dropout(ctx(2), 1.0).forward(x).toDoubleArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new Dropout(ctx(2), 1.5));
    }

    @Test
    void dropout2dDropsWholeChannels() {
        Dropout2d d = new Dropout2d(ctx(3), 0.5);
        double[] y = d.forward(ones(4, 8, 3, 3)).toDoubleArray();
        int dropped = 0;
        for (int p = 0; p < 32; p++) {
            double first = y[p * 9];
            for (int i = 1; i < 9; i++) assertEquals(first, y[p * 9 + i], 0.0, "one value per (sample, channel)");
            assertTrue(first == 0 || first == 2.0, "0 or 1/(1-p): " + first);
            if (first == 0) dropped++;
        }
        assertTrue(dropped > 0 && dropped < 32, "some but not all of 32 channels dropped: " + dropped);
        String m = assertThrows(IllegalArgumentException.class, () -> d.forward(ones(2, 3))).getMessage();
        assertTrue(m.contains("4-D input"), m);
    }
}
