package io.cnn4j.examples.distributed;

import io.cnn4j.examples.cli.CliException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How batches split into shards, and what --spark/--workers say when they cannot be used (no Spark needed). */
class ShardsAndOptionsTest {

    @Test
    void shardsDifferByAtMostOneRowAndCoverTheBatch() {
        assertArrayEquals(new int[]{0, 3, 5, 7}, Shards.bounds(7, 3));
        assertArrayEquals(new int[]{0, 2, 4}, Shards.bounds(4, 2));
        assertArrayEquals(new int[]{0, 1, 2, 2}, Shards.bounds(2, 3), "a short batch leaves the last shard empty");
    }

    @Test
    void moreWorkersThanRowsIsRefused() {
        CliException e = assertThrows(CliException.class, () -> Shards.check(4, 5));
        assertEquals("--workers 5 is larger than --batch 4: every worker needs at least one row of the batch; use --workers <= 4 or a larger --batch",
                e.getMessage());
    }

    @Test
    void withoutSparkOnTheClassPathTheOptionSaysHowToGetIt() {
        DataParallelOptions o = parse("--spark", "local[2]");
        CliException e = assertThrows(CliException.class, () -> o.open(new NoTask()));
        assertTrue(e.getMessage().startsWith("--spark needs the cnn4j-spark module on the class path"), e.getMessage());
    }

    @Test
    void workersNeedSparkAndNoSparkMeansSingleProcess() {
        assertThrows(CliException.class, () -> parse("--workers", "2").validate(8));
        assertNull(parse().open(new NoTask()));
    }

    private static DataParallelOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.options;
    }

    @CommandLine.Command
    static final class Holder {
        @CommandLine.Mixin
        DataParallelOptions options = new DataParallelOptions();
    }

    /** A task is never run in these tests. */
    static final class NoTask implements ShardGradient {
        @Override public io.cnn4j.nn.Module createModel(io.cnn4j.tensor.Backend backend) { throw new AssertionError(); }
        @Override public String backendName() { return null; }
        @Override public int batch() { return 8; }
        @Override public double accumulate(io.cnn4j.nn.Module m, io.cnn4j.tensor.Backend b, long step, int from, int to) { throw new AssertionError(); }
    }
}
