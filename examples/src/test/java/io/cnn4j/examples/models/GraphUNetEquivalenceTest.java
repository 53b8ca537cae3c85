package io.cnn4j.examples.models;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The graph-wired {@link UNet} and {@link WideUNet} against the hand-written chain rule of the same architectures
 * ({@link HandWrittenUNet}, {@link HandWrittenWideUNet}) on the reference backend: same state_dict names and
 * initial values from the same seed, and bit-identical outputs, input gradients and parameter gradients (compared
 * as raw IEEE bit patterns) over two steps with a parameter update in between.
 */
class GraphUNetEquivalenceTest {
    private final Backend b = new ReferenceBackend();

    @ParameterizedTest
    @EnumSource(DType.class)
    void unetIsBitIdenticalToTheHandWrittenOne(DType dtype) {
        assertBitIdentical(dtype, ctx -> new UNet(ctx, 4), ctx -> new HandWrittenUNet(ctx, 4), new int[]{2, 3, 8, 12});
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void wideUnetIsBitIdenticalToTheHandWrittenOne(DType dtype) {
        assertBitIdentical(dtype, ctx -> new WideUNet(ctx, 4), ctx -> new HandWrittenWideUNet(ctx, 4), new int[]{2, 3, 6, 10});
    }

    private void assertBitIdentical(DType dtype, Function<Context, Module> graph, Function<Context, Module> handWritten, int[] shape) {
        Module g = graph.apply(Context.of(b, dtype, 11)), h = handWritten.apply(Context.of(b, dtype, 11));
        Map<String, Parameter> gp = g.namedParameters(), hp = h.namedParameters();
        assertEquals(List.copyOf(hp.keySet()), List.copyOf(gp.keySet()), "state_dict names");
        for (String k : hp.keySet()) assertBits(hp.get(k).value(), gp.get(k).value(), "initial " + k);
        for (int step = 0; step < 2; step++) {
            Tensor x = b.normal(dtype, 100 + step, 0, 1, shape);
            Tensor dy = b.normal(dtype, 200 + step, 0, 1, shape);
            g.zeroGrad();
            h.zeroGrad();
            assertBits(h.forward(x), g.forward(x), "output, step " + step);
            assertBits(h.backward(dy), g.backward(dy), "input gradient, step " + step);
            for (String k : hp.keySet()) {
                assertBits(hp.get(k).grad(), gp.get(k).grad(), "gradient of " + k + ", step " + step);
                b.axpy(-0.1, hp.get(k).grad(), hp.get(k).value());
                b.axpy(-0.1, gp.get(k).grad(), gp.get(k).value());
            }
        }
    }

    private static void assertBits(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        long[] eb = new long[e.length], ab = new long[a.length];
        for (int i = 0; i < e.length; i++) { eb[i] = Double.doubleToRawLongBits(e[i]); ab[i] = Double.doubleToRawLongBits(a[i]); }
        assertArrayEquals(eb, ab, what + ": bit patterns differ");
    }
}
