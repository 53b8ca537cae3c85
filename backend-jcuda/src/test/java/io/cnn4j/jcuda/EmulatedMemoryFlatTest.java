package io.cnn4j.jcuda;

import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Upsampling;
import io.cnn4j.nn.Sequential;
import io.cnn4j.optim.SGD;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The memory-flat property of {@link DeviceMemoryFlatTest} without a GPU: the seed network trained on the
 * {@link EmulatedDevice} (same layer types at reduced width — 3→8→16→8→3 channels — on 8×8 images, 500 steps,
 * to keep the Java emulation quick) with a scope per step allocates no new device blocks after
 * warm-up, returns to the same live bytes after every step, and never touches a released tensor (layers and
 * SGD keep nothing from inside a step that the next step needs).
 */
class EmulatedMemoryFlatTest {

    @Test
    void poolStaysFlatOverFiveHundredSteps() {
        EmulatedDevice dev = new EmulatedDevice();
        JCudaBackend b = new JCudaBackend(dev);
        Context ctx = Context.of(b, DType.FLOAT32, 42);
        Sequential net = new Sequential(new Conv2d(ctx, 3, 8, 2, 2), new ReLU(), new Conv2d(ctx, 8, 16, 2, 2), new ReLU(),
                new Upsampling(ctx, 16, 8, 2, 2), new ReLU(), new Upsampling(ctx, 8, 3, 2, 2), new Sigmoid());
        SGD sgd = new SGD(net.namedParameters(), 0.5);
        MSELoss mse = new MSELoss();
        Tensor noisy = b.uniform(DType.FLOAT32, 1, 0, 1, 16, 3, 8, 8), clean = noisy; // learn the identity: a loss that can fall
        long warmLive = -1, warmAllocs = -1;
        double first = 0, last = 0;
        for (int step = 0; step < 500; step++) {
            try (MemoryScope s = b.scope()) {
                int start = (step * 4) % 16;
                net.zeroGrad();
                Tensor loss = mse.forward(net.forward(b.slice(noisy, 0, start, 4)), b.slice(clean, 0, start, 4));
                net.backward(mse.backward());
                sgd.step();
                if (step == 0) first = loss.item();
                if (step % 4 == 0) last = loss.item();            // same batch as step 0
            }
            if (step == 10) {
                warmLive = b.deviceBytesInUse();
                warmAllocs = b.deviceAllocations();
            } else if (step > 10) {
                assertEquals(warmLive, b.deviceBytesInUse(), "live device bytes after step " + step);
            }
        }
        assertEquals(warmAllocs, b.deviceAllocations(), "cuMemAlloc calls after warm-up");
        assertTrue(last < first, "loss on the first batch decreases: " + first + " -> " + last);
    }
}
