package io.cnn4j.spark;

import io.cnn4j.backend.Backends;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.nn.Module;
import io.cnn4j.optim.SGD;
import io.cnn4j.tensor.Backend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BatchNorm under data parallelism, as documented in docs/spark.md: each shard normalises with its own batch
 * statistics (PyTorch DDP's default), so the weights follow "ghost batches" of the shard size — not the
 * single-process run over the whole batch; the running mean comes back weighted by shard size and equals the
 * whole-batch update; the running variance is the shards' (unbiased) variances averaged.
 */
class BatchNormShardsTest {
    static final int STEPS = 5;

    @Test
    void shardsNormaliseWithTheirOwnStatistics() {
        Backend be = Backends.select("reference");
        BatchNormNetGradient task = new BatchNormNetGradient();
        Module spark = task.createModel(be), ghost = task.createModel(be), whole = task.createModel(be);
        SGD optSpark = new SGD(spark.namedParameters(), 0.1, 0.9), optGhost = new SGD(ghost.namedParameters(), 0.1, 0.9);
        double runningMeanGap = 0, gradientGap = 0;
        try (GradientExchange ex = new SparkDataParallel().open("local[2]", 2, task)) {
            for (long s = 0; s < STEPS; s++) {
                optSpark.zeroGrad();
                ex.gradients(s, spark);
                optGhost.zeroGrad();
                task.accumulate(ghost, be, s, 0, 2);
                task.accumulate(ghost, be, s, 2, 4);
                optGhost.step();
                if (s == 0) {
                    whole.zeroGrad();
                    task.accumulate(whole, be, s, 0, 4);
                    runningMeanGap = Training.maxRelativeDifference(
                            java.util.Map.of("m", whole.stateDict().get("1.running_mean").toDoubleArray()),
                            java.util.Map.of("m", spark.stateDict().get("1.running_mean").toDoubleArray()));
                    gradientGap = Training.maxRelativeDifference(grads(whole), grads(spark));
                }
                optSpark.step();
            }
        }
        double ghostGap = Training.maxRelativeDifference(weights(ghost), weights(spark));
        assertTrue(ghostGap <= 1e-9, "weights differ from per-shard (ghost batch) BatchNorm by " + ghostGap);
        assertTrue(runningMeanGap <= 1e-12, "running mean differs from the whole-batch update by " + runningMeanGap);
        assertTrue(gradientGap > 1e-6, "per-shard statistics must give another gradient than whole-batch statistics, got " + gradientGap);
    }

    private static java.util.Map<String, double[]> grads(Module m) {
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, p.grad().toDoubleArray()));
        return out;
    }

    private static java.util.Map<String, double[]> weights(Module m) {
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, p.value().toDoubleArray()));
        return out;
    }
}
