package io.cnn4j.examples.distributed;

import io.cnn4j.examples.cli.CliException;

/**
 * How a global batch of {@code batch} rows is split into {@code k} consecutive shards: the first {@code batch % k}
 * shards get one row more than the others, so sizes differ by at most one and every row is in exactly one shard
 * (a short last batch of an epoch may leave the last shards empty).
 * Uneven shards are exact because each shard's gradient is weighted by its share of the batch
 * ({@link ShardGradient#accumulate}).
 */
public final class Shards {
    private Shards() {}

    /** Shard boundaries: shard {@code i} is rows {@code [b[i], b[i+1])}; {@code b.length == k + 1}. */
    public static int[] bounds(int batch, int k) {
        if (k < 1 || batch < 0) throw new IllegalArgumentException("cannot split " + batch + " rows into " + k + " shards");
        int[] b = new int[k + 1];
        int base = batch / k, extra = batch % k;
        for (int i = 0; i < k; i++) b[i + 1] = b[i] + base + (i < extra ? 1 : 0);
        return b;
    }

    /** Rejects a split that would leave a shard empty. */
    public static void check(int batch, int k) {
        if (k < 1) throw new CliException("--workers must be >= 1, got " + k);
        if (k > batch)
            throw new CliException("--workers " + k + " is larger than --batch " + batch
                    + ": every worker needs at least one row of the batch; use --workers <= " + batch + " or a larger --batch");
    }
}
