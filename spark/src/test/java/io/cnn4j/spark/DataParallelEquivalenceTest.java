package io.cnn4j.spark;

import io.cnn4j.examples.denoise.DenoiseConfig;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The property that makes data-parallel training trustworthy: 20 steps with the gradients summed over 2 Spark tasks
 * give the weights of 20 single-process steps on the same global batches. In float64 the only difference is the
 * order of summation (the shards' shares are added after each is summed), far below 1e-9 relative.
 */
class DataParallelEquivalenceTest {
    static final int STEPS = 20;

    static DenoiseConfig config(String model, String optimizer, int batch, DType dtype) {
        double lr = optimizer.equals("sgd") ? 0.05 : 1e-3;
        double momentum = optimizer.equals("sgd") ? 0.9 : 0.0;
        return new DenoiseConfig(model, STEPS, batch, 8, lr, optimizer, momentum, "cosine", 25 / 255.0, false, DenoiseConfig.DIHEDRAL, 7, dtype);
    }

    @ParameterizedTest(name = "{0} {1} batch {2}")
    @CsvSource({"seed, sgd, 4", "seed, adam, 5", "unet, sgd, 4", "unet, adam, 4"})
    void float64WeightsMatchTheSingleProcessRun(String model, String optimizer, int batch) {
        DenoiseConfig c = config(model, optimizer, batch, DType.FLOAT64);
        Map<String, double[]> one = Training.singleProcess(c, STEPS);
        Map<String, double[]> spark = Training.onSpark(c, STEPS, "local[2]", 2);
        double rel = Training.maxRelativeDifference(one, spark);
        System.out.printf("f64 %s %s batch %d: max relative weight difference after %d steps %.3g%n", model, optimizer, batch, STEPS, rel);
        assertTrue(rel <= 1e-9, model + "/" + optimizer + ": relative difference " + rel);
        assertTrue(Training.maxRelativeDifference(one, Training.host(initial(c))) > 1e-3, "training must have moved the weights");
    }

    /** float32: same batches, sums in another order; the weights agree to float32 rounding, not bit for bit. */
    @Test
    void float32DiffersOnlyBySummationOrder() {
        DenoiseConfig c = config("seed", "adam", 4, DType.FLOAT32);
        double rel = Training.maxRelativeDifference(Training.singleProcess(c, STEPS), Training.onSpark(c, STEPS, "local[2]", 2));
        System.out.printf("f32 seed adam batch 4: max relative weight difference after %d steps %.3g%n", STEPS, rel);
        assertTrue(rel <= 1e-4, "float32 relative difference " + rel);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() {
        DenoiseConfig c = config("seed", "sgd", 4, DType.FLOAT64);
        int before = FaultInjection.injected();
        System.setProperty(FaultInjection.PROPERTY, "3:1");
        Map<String, double[]> spark;
        try {
            spark = Training.onSpark(c, 6, "local[2]", 2);
        } finally {
            System.clearProperty(FaultInjection.PROPERTY);
        }
        assertEquals(before + 1, FaultInjection.injected(), "the injected failure must have happened once");
        double rel = Training.maxRelativeDifference(Training.singleProcess(c, 6), spark);
        assertTrue(rel <= 1e-9, "relative difference after a retried task " + rel);
    }

    @Test
    void moreShardsThanSlotsStillSumToTheSameGradient() {
        DenoiseConfig c = config("seed", "adam", 7, DType.FLOAT64);
        double rel = Training.maxRelativeDifference(Training.singleProcess(c, 5), Training.onSpark(c, 5, "local[2]", 3));
        assertTrue(rel <= 1e-9, "3 uneven shards (3, 2, 2 rows): relative difference " + rel);
        assertNotEquals(0, c.batch() % 3);
    }

    private static io.cnn4j.examples.denoise.DenoiseTrainer initial(DenoiseConfig c) {
        return new io.cnn4j.examples.denoise.DenoiseTrainer(c, io.cnn4j.backend.Backends.select("reference"), Training.TRAIN);
    }
}
