package io.cnn4j.examples.cli;

import java.util.concurrent.ForkJoinPool;

/**
 * Applies {@code --threads T} before a backend is created. Backends have no thread-count method in the SPI, so
 * this sets what they read: the system property {@code cnn4j.threads} (for backends with their own pools), and
 * the common {@link ForkJoinPool}'s parallelism to T−1 (the calling thread works too, so T threads compute; the
 * reference backend splits its work over that pool). The latter only takes effect if the common pool has not
 * been used yet in this JVM, which holds for a fresh {@code cnn4j} process; otherwise a warning says so.
 */
final class ThreadSettings {
    static final String PROPERTY = "cnn4j.threads";
    private static final String FJ_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private ThreadSettings() {}

    /** Returns a warning to print, or null when the setting took effect. */
    static String apply(int threads) {
        if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        System.setProperty(PROPERTY, Integer.toString(threads));
        System.setProperty(FJ_PARALLELISM, Integer.toString(threads - 1));
        int expected = Math.max(1, threads - 1);
        int actual = ForkJoinPool.getCommonPoolParallelism();
        return actual == expected ? null
                : "warning: the common ForkJoinPool was already started with parallelism " + actual
                + "; --threads " + threads + " applies only to backends that read -D" + PROPERTY;
    }

    /** The thread count to report: the explicit setting, else the core count (the default common pool has cores−1 workers plus the caller). */
    static int effective(Integer requested) {
        return requested != null ? requested : Runtime.getRuntime().availableProcessors();
    }
}
