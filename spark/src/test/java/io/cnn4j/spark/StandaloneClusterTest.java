package io.cnn4j.spark;

import io.cnn4j.backend.Backends;
import io.cnn4j.examples.denoise.DenoiseConfig;
import io.cnn4j.examples.denoise.DenoiseTrainer;
import io.cnn4j.examples.distributed.GradientExchange;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spark standalone cluster on this machine (a master and two workers, separate JVMs): 20 float64 steps give
 * the single-process weights; a worker killed mid-run leaves the run to finish on the other one, with the same
 * weights. Tagged slow (five JVMs; about two minutes on a busy 2-core machine):
 * {@code mvn -B verify -pl spark -am -Pslow -Dtest=StandaloneClusterTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class StandaloneClusterTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnTwoWorkersAndSurvivesLosingOne() throws Exception {
        DenoiseConfig c = DataParallelEquivalenceTest.config("seed", "sgd", 4, DType.FLOAT64);
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        try (StandaloneCluster cluster = new StandaloneCluster(dir, 2)) {
            Map<String, double[]> spark = Training.onSpark(c, DataParallelEquivalenceTest.STEPS, cluster.masterUrl(), 2);
            double rel = Training.maxRelativeDifference(Training.singleProcess(c, DataParallelEquivalenceTest.STEPS), spark);
            System.out.printf("standalone cluster, 2 workers, f64 seed sgd: max relative weight difference %.3g%n", rel);
            assertTrue(rel <= 1e-9, "standalone cluster: relative difference " + rel);

            DenoiseTrainer t = new DenoiseTrainer(c, Backends.select("reference"), Training.TRAIN);
            try (GradientExchange ex = new SparkDataParallel().open(cluster.masterUrl(), 2, t.gradient())) {
                t.distribute(ex);
                for (int i = 0; i < DataParallelEquivalenceTest.STEPS; i++) {
                    if (i == 5) cluster.killWorker(1);
                    t.trainStep();
                }
            }
            double afterLoss = Training.maxRelativeDifference(Training.singleProcess(c, DataParallelEquivalenceTest.STEPS), Training.host(t));
            System.out.printf("standalone cluster, worker 1 killed at step 5: max relative weight difference %.3g%n", afterLoss);
            assertTrue(afterLoss <= 1e-9, "after losing a worker: relative difference " + afterLoss);
        } finally {
            System.clearProperty("spark.driver.host");
            System.clearProperty("spark.driver.bindAddress");
        }
    }
}
