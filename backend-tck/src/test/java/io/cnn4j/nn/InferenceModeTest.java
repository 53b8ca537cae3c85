package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/** InferenceMode's scope rules, and that no layer keeps a backward cache from a forward inside it. */
class InferenceModeTest {

    @Test
    void scopesNestBelongToTheirThreadAndCloseOnce() throws Exception {
        assertFalse(InferenceMode.isEnabled());
        InferenceMode outer = InferenceMode.enter();
        try (InferenceMode inner = InferenceMode.enter()) {
            assertTrue(InferenceMode.isEnabled());
        }
        assertTrue(InferenceMode.isEnabled(), "the outer scope is still open");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertFalse(other.submit(InferenceMode::isEnabled).get(), "the mode is per thread");
            String m = assertThrows(java.util.concurrent.ExecutionException.class, () -> other.submit(() -> { outer.close(); return null; }).get())
                    .getCause().getMessage();
            assertTrue(m.contains("close it on the thread that entered it"), m);
        } finally {
            other.shutdown();
        }
        outer.close();
        outer.close();
        assertFalse(InferenceMode.isEnabled(), "closing twice leaves the count at zero");
    }

    /** Every layer, after forwards inside InferenceMode only, refuses backward with the same one-line message. */
    @Test
    void noLayerKeepsABackwardCacheFromAnInferenceForward() {
        Context ctx = ctx(3);
        List<Module> layers = List.of(new ReLU(), new LeakyReLU(), new Sigmoid(), new Tanh(), new SiLU(), new GELU(), new GELU("tanh"),
                new Softmax(1), new LogSoftmax(1), new Flatten(), new Conv2d(ctx, 2, 3, 3, 1, 1), new ConvTranspose2d(ctx, 2, 3, 2, 2),
                new MaxPool2d(2), new AvgPool2d(2), new AvgPool2d(new int[]{2, 2}, new int[]{2, 2}, new int[]{1, 1}, false),
                new AdaptiveAvgPool2d(new int[]{3, 2}), new AdaptiveMaxPool2d(new int[]{3, 2}), new AdaptiveMaxPool2d(2),
                Upsample.scaleFactor(2), new BatchNorm2d(ctx, 2), new GroupNorm(ctx, 2, 2), new LayerNorm(ctx, 4, 5),
                new InstanceNorm2d(ctx, 2, 1e-5, 0.1, true, true), new Dropout(ctx, 0.5), new Sequential(new ReLU(), new Tanh()));
        Tensor x = randn(4, 2, 2, 4, 5);
        for (Module m : layers) {
            Tensor y;
            try (InferenceMode mode = InferenceMode.enter()) {
                y = m.forward(x);
                m.eval();
                m.forward(x);
                m.train();
            }
            Tensor dY = y.mul(0.0).add(1.0);
            if (m instanceof Sequential) {
                assertThrows(IllegalStateException.class, () -> m.backward(dY), m.toString());
                continue;
            }
            String msg = assertThrows(IllegalStateException.class, () -> m.backward(dY), m.toString()).getMessage();
            assertTrue(msg.startsWith(m.toString()) && msg.contains("InferenceMode") && !msg.contains("\n"), msg);
        }
        List<Merge> merges = List.of(Merge.add(), Merge.cat(), Merge.mul());
        for (Merge merge : merges) {
            Tensor y;
            try (InferenceMode mode = InferenceMode.enter()) {
                y = merge.forward(List.of(x, x));
            }
            String msg = assertThrows(IllegalStateException.class, () -> merge.backward(y)).getMessage();
            assertTrue(msg.contains("InferenceMode"), msg);
        }
    }
}
