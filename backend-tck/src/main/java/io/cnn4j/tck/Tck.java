package io.cnn4j.tck;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;
import org.quicktheories.QuickTheory;

/**
 * Shared settings of the kit. System properties tune a run without code changes:
 * <ul>
 *   <li>{@code cnn4j.tck.seed} (long, default 20240611): the QuickTheories seed, fixed so CI is reproducible;
 *       set another to explore new cases (a failure prints the shrunk case and the seed).</li>
 *   <li>{@code cnn4j.tck.scale} (double, default 1): multiplies the number of examples per property.</li>
 * </ul>
 */
public final class Tck {
    private Tck() {}

    /** The shared reference backend (stateless, thread safe). */
    static final Backend REFERENCE = new ReferenceBackend();

    /** Default seed of every property. */
    public static final long DEFAULT_SEED = 20240611L;

    /** The seed from {@code cnn4j.tck.seed}, else {@link #DEFAULT_SEED}. */
    public static long seed() { return Long.getLong("cnn4j.tck.seed", DEFAULT_SEED); }

    /** {@code base} examples scaled by {@code cnn4j.tck.scale} (at least 1). */
    public static int examples(int base) {
        double scale = Double.parseDouble(System.getProperty("cnn4j.tck.scale", "1"));
        return Math.max(1, (int) Math.round(base * scale));
    }

    /** A QuickTheories runner with the kit's seed, {@code base} (scaled) examples and bounded shrinking. */
    public static QuickTheory qt(int base) {
        return QuickTheory.qt().withFixedSeed(seed()).withExamples(examples(base)).withShrinkCycles(100);
    }
}
