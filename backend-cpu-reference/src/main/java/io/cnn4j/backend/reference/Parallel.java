package io.cnn4j.backend.reference;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splits independent tasks over the cores with the common {@link ForkJoinPool}. Small jobs run on the calling
 * thread, because forking costs more than it saves below a few tens of microseconds of work.
 */
final class Parallel {
    private Parallel() {}

    /** Below this many scalar operations in total a job runs sequentially. */
    static final long MIN_PARALLEL_WORK = 1L << 15;

    /**
     * Runs {@code body.accept(t)} for every task {@code 0 ≤ t < tasks}. Tasks must write disjoint memory.
     *
     * @param workPerTask rough number of scalar operations in one task, to decide whether forking pays off
     */
    static void forEach(int tasks, long workPerTask, IntConsumer body) {
        if (tasks <= 1 || (long) tasks * workPerTask < MIN_PARALLEL_WORK || ForkJoinPool.getCommonPoolParallelism() < 1) {
            for (int t = 0; t < tasks; t++) body.accept(t);
        } else {
            IntStream.range(0, tasks).parallel().forEach(body);
        }
    }

    /**
     * Runs {@code body.accept(lo, hi)} over chunks covering {@code [0, n)}, for elementwise loops over large arrays.
     *
     * @param workPerElement rough number of scalar operations per element
     */
    static void forRange(int n, int workPerElement, RangeBody body) {
        long total = (long) n * workPerElement;
        if (total < 4 * MIN_PARALLEL_WORK) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(4 * Runtime.getRuntime().availableProcessors(), (int) Math.max(1, total / MIN_PARALLEL_WORK));
        int step = (n + chunks - 1) / chunks;
        forEach(chunks, MIN_PARALLEL_WORK, c -> {
            int lo = c * step;
            int hi = Math.min(n, lo + step);
            if (lo < hi) body.run(lo, hi);
        });
    }

    /** A loop body over the index range {@code [lo, hi)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int lo, int hi);
    }
}
