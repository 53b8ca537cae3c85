package io.cnn4j.spark;

import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.denoise.DenoiseConfig;
import io.cnn4j.examples.denoise.DenoiseGradient;
import io.cnn4j.examples.distributed.ShardGradient;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Executors that cannot select the run's backend stop the run before the first step, with the executor's reason. */
class ExecutorBackendTest {

    /** The denoiser's gradient, but asking the executors for a backend they do not have. */
    record ElsewhereBackend(ShardGradient inner, String backendName) implements ShardGradient {
        @Override public Module createModel(Backend backend) { return inner.createModel(backend); }
        @Override public int batch() { return inner.batch(); }
        @Override public double accumulate(Module m, Backend b, long step, int from, int to) { return inner.accumulate(m, b, step, from, to); }
    }

    @Test
    void executorsWithoutTheBackend() {
        DenoiseConfig c = new DenoiseConfig("seed", 2, 4, 8, 1e-3, "adam", "cosine", 0.1, false, 1);
        ShardGradient task = new ElsewhereBackend(new DenoiseGradient(c, null, "reference", null), "no-such-backend");
        CliException e = assertThrows(CliException.class, () -> new SparkDataParallel().open("local[2]", 2, task));
        assertTrue(e.getMessage().startsWith("the Spark executors cannot train this model: "), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-backend"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
