package io.cnn4j.examples.distributed;

import io.cnn4j.examples.cli.CliException;
import picocli.CommandLine.Option;

/**
 * The {@code --spark MASTER [--workers K]} options that training commands mix in: with {@code --spark}, each step's
 * gradient is computed by {@code K} Spark tasks and summed there ({@link DataParallel}); without it the command
 * trains in this process as before. Only this class and {@link DataParallel} know that engines exist.
 */
public final class DataParallelOptions {

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train data-parallel on Spark: local[K] (embedded) or spark://host:port (standalone cluster); see docs/spark.md.")
    String master;

    @Option(names = "--workers", paramLabel = "K", description = "With --spark: shards (Spark tasks) per step (default: the master's parallelism, at most --batch).")
    Integer workers;

    /** Whether the run is data-parallel. */
    public boolean enabled() { return master != null; }

    /** Checks the options against the global batch before anything is written; throws {@link CliException}. */
    public void validate(int batch) {
        if (master == null) {
            if (workers != null) throw new CliException("--workers needs --spark MASTER (for example --spark local[2] --workers 2)");
            return;
        }
        if (master.isBlank()) throw new CliException("--spark needs a master: local[K] or spark://host:port");
        if (workers != null) Shards.check(batch, workers);
    }

    /** Starts the engine for {@code task}, or returns null without {@code --spark}. */
    public GradientExchange open(ShardGradient task) {
        validate(task.batch());
        return master == null ? null : DataParallel.load().open(master, workers, task);
    }
}
