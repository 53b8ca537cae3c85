package io.cnn4j.backend.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * One-time ND4J initialisation: loads the natives and applies the thread setting.
 *
 * <p>Threads: system property {@value #THREADS_PROPERTY} (or environment {@code CNN4J_ND4J_THREADS}) sets both
 * libnd4j's op threads and OpenBLAS's threads; unset, ND4J's own default applies ({@code OMP_NUM_THREADS} or the
 * number of cores).
 */
public final class Nd4jRuntime {
    private Nd4jRuntime() {}

    public static final String THREADS_PROPERTY = "cnn4j.nd4j.threads";

    private static volatile boolean initialised;

    /** Initialises ND4J (idempotent). Throws whatever ND4J throws when its natives cannot load. */
    public static synchronized void init() {
        if (initialised) return;
        Nd4j.getBackend(); // forces backend discovery and native loading
        Nd4j.create(1);
        Integer t = configuredThreads();
        if (t != null) setThreads(t);
        else Nd4j.getEnvironment().setMaxMasterThreads(1); // see class doc: libnd4j's OpenMP pool and OpenBLAS's must not fight
        initialised = true;
    }

    /**
     * Sets the threads libnd4j's ops use ({@code maxMasterThreads}, the default width of its parallel loops) and
     * OpenBLAS's threads. libnd4j's pool size itself is fixed at start-up by {@code OMP_NUM_THREADS} (its
     * {@code setMaxThreads} is a no-op in 1.0.0-M2.1), so this can lower but not raise the thread count above it.
     */
    public static void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException(THREADS_PROPERTY + " must be >= 1, got " + threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The threads libnd4j ops currently use. */
    public static int threads() { return Nd4j.getEnvironment().maxMasterThreads(); }

    /** The threads OpenBLAS currently uses. */
    public static int blasThreads() { return Nd4j.factory().blas().getMaxThreads(); }

    static Integer configuredThreads() {
        String v = System.getProperty(THREADS_PROPERTY);
        if (v == null || v.isBlank()) v = System.getenv("CNN4J_ND4J_THREADS");
        if (v == null || v.isBlank()) return null;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got '" + v + "'");
        }
    }
}
