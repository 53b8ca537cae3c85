package io.cnn4j.benchmarks;

/**
 * Selects the ND4J native variant for this JVM before ND4J loads: "" (linux-x86_64), "-avx512", "-onednn",
 * "-onednn-avx512". JMH runs every parameter combination in its own fork, so a trial-level setup can set it.
 * The variant jars must be on the class path (benchmarks profile {@code bench-variants}).
 */
final class Variant {
    private Variant() {}

    static void select(String extension) {
        if (extension == null || extension.isEmpty() || extension.equals("default")) return;
        System.setProperty("org.bytedeco.javacpp.platform.extension", extension);
    }

    /** Applies {@code cnn4j.nd4j.threads} style thread count ("0" = ND4J default). */
    static void threads(String threads) {
        if (threads != null && !threads.equals("0")) System.setProperty("cnn4j.nd4j.threads", threads);
    }
}
