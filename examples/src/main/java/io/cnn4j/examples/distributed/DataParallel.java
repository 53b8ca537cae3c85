package io.cnn4j.examples.distributed;

import io.cnn4j.examples.cli.CliException;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * A data-parallel training engine found with {@link ServiceLoader} (the {@code spark} module provides one). The CLI
 * has no compile-time dependency on any engine: the engine's jars are on the class path only when a run asks for
 * it ({@code cnn4j denoise --spark MASTER} puts {@code spark/target/lib} there).
 */
public interface DataParallel {

    /**
     * Starts the engine on {@code master} (for Spark: {@code local[K]} or {@code spark://host:port}) with
     * {@code workers} shards per step (null: the engine's parallelism) for {@code task}.
     *
     * @throws IllegalArgumentException naming what is wrong (unreachable master, more workers than rows, a backend
     *                                  the workers cannot load) and how to fix it
     */
    GradientExchange open(String master, Integer workers, ShardGradient task);

    /** The engine on the class path, or a {@link CliException} saying how to put one there. */
    static DataParallel load() {
        Iterator<DataParallel> it = ServiceLoader.load(DataParallel.class).iterator();
        if (!it.hasNext())
            throw new CliException("--spark needs the cnn4j-spark module on the class path; run through ./cnn4j (which adds "
                    + "spark/target/lib when --spark is given) or add spark/target/lib/* to -cp");
        return it.next();
    }
}
