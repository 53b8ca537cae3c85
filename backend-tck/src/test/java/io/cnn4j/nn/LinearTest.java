package io.cnn4j.nn;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class LinearTest {

    @Test
    void forwardMatchesLoopDefinitionAndGradients() {
        for (boolean bias : new boolean[]{true, false}) {
            Linear lin = new Linear(ctx(41), 7, 5, bias);
            Tensor x = randn(42, 4, 7);
            assertClose(lin.forward(x), new int[]{4, 5}, Naive.linear(x.toDoubleArray(), 4, 7, lin.weight().value().toDoubleArray(),
                    bias ? lin.bias().value().toDoubleArray() : null, 5), 1e-14, lin.toString());
            gradCheck(lin, x, 1e-6);
        }
    }

    @Test
    void leadingAxesAreBatchAxes() {
        Linear lin = new Linear(ctx(43), 3, 2);
        Tensor x = randn(44, 2, 4, 3);
        Tensor y = lin.forward(x);
        assertArrayEquals(new int[]{2, 4, 2}, y.shape());
        assertClose(y.toDoubleArray(), Naive.linear(x.toDoubleArray(), 8, 3, lin.weight().value().toDoubleArray(),
                lin.bias().value().toDoubleArray(), 2), 1e-14, "[2,4,3] input");
        gradCheck(lin, x, 1e-6);
    }

    @Test
    void initLayoutAndRepr() {
        Linear lin = new Linear(ctx(45), 10, 3);
        double bound = 1 / Math.sqrt(10);
        Context replay = ctx(45);
        assertArrayEquals(backend().uniform(DType.FLOAT64, replay.nextSeed(), -bound, bound, 3, 10).toDoubleArray(),
                lin.weight().value().toDoubleArray(), 0.0);
        assertArrayEquals(backend().uniform(DType.FLOAT64, replay.nextSeed(), -bound, bound, 3).toDoubleArray(),
                lin.bias().value().toDoubleArray(), 0.0);
        assertEquals("Linear(in_features=10, out_features=3, bias=True)", lin.toString());
    }

    @Test
    void badInputSaysToFlatten() {
        Linear lin = new Linear(ctx(46), 12, 3);
        String m = assertThrows(IllegalArgumentException.class, () -> lin.forward(randn(1, 2, 3, 2, 2))).getMessage();
        assertTrue(m.startsWith("Linear(in_features=12") && m.contains("[N, 12]") && m.contains("[2, 3, 2, 2]") && m.contains("Flatten"), m);
    }
}
