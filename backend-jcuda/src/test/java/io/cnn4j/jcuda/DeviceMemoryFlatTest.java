package io.cnn4j.jcuda;

import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Upsampling;
import io.cnn4j.optim.SGD;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 10,000 training steps of the EE559 seed network, one {@link MemoryScope} per step: after warm-up the pool
 * calls cuMemAlloc no more, live device bytes return to the same value after every step, and the driver's free
 * memory does not shrink. Skipped with the reason where no CUDA device is usable.
 */
class DeviceMemoryFlatTest {

    static Sequential seedNetwork(Context ctx) {
        return new Sequential(new Conv2d(ctx, 3, 64, 2, 2), new ReLU(), new Conv2d(ctx, 64, 256, 2, 2), new ReLU(),
                new Upsampling(ctx, 256, 64, 2, 2), new ReLU(), new Upsampling(ctx, 64, 3, 2, 2), new Sigmoid());
    }

    @Test
    void tenThousandStepsKeepDeviceMemoryFlat() {
        JCudaBackend gpu = GpuAvailable.freshBackendOrSkip();
        Sequential net = seedNetwork(Context.of(gpu, DType.FLOAT32, 42));
        SGD sgd = new SGD(net.namedParameters(), 0.1);
        MSELoss mse = new MSELoss();
        Tensor noisy = gpu.uniform(DType.FLOAT32, 1, 0, 1, 320, 3, 32, 32);
        Tensor clean = noisy; // learn the identity, so the loss can fall
        long warmInUse = 0, warmAllocs = 0, warmFree = 0;
        double firstLoss = Double.NaN, lastLoss = Double.NaN;
        int steps = 10_000;
        for (int step = 0; step < steps; step++) {
            try (MemoryScope s = gpu.scope()) {
                int start = (step * 32) % 320;
                Tensor x = gpu.slice(noisy, 0, start, 32), t = gpu.slice(clean, 0, start, 32);
                net.zeroGrad();
                Tensor loss = mse.forward(net.forward(x), t);
                net.backward(mse.backward());
                sgd.step();
                if (step == 0) firstLoss = loss.item();
                if (step % 10 == 0) lastLoss = loss.item();           // the same batch as step 0
            }
            if (step == 100) {
                warmInUse = gpu.deviceBytesInUse();
                warmAllocs = gpu.deviceAllocations();
                warmFree = gpu.deviceMemoryInfo()[0];
            }
            if (step > 100 && step % 1000 == 0) assertEquals(warmInUse, gpu.deviceBytesInUse(), "live bytes at step " + step);
        }
        long endFree = gpu.deviceMemoryInfo()[0];
        System.out.printf("device-memory-flat: %d steps, live %d B after step 100 and %d B at the end, cuMemAlloc calls %d after step 100"
                        + " and %d at the end, driver free %d MiB -> %d MiB, loss %.5f -> %.5f%n",
                steps, warmInUse, gpu.deviceBytesInUse(), warmAllocs, gpu.deviceAllocations(), warmFree >> 20, endFree >> 20, firstLoss, lastLoss);
        assertEquals(warmInUse, gpu.deviceBytesInUse());
        assertEquals(warmAllocs, gpu.deviceAllocations(), "no cuMemAlloc after warm-up");
        assertTrue(endFree >= warmFree - (4L << 20), "driver free memory shrank from " + warmFree + " to " + endFree);
        assertTrue(lastLoss < firstLoss, "training lowers the loss: " + firstLoss + " -> " + lastLoss);
    }
}
