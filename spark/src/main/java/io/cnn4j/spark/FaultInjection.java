package io.cnn4j.spark;

import java.io.Serializable;

/**
 * A deliberate task failure for testing Spark's recovery: the first attempt of shard {@code shard} at step
 * {@code step} throws; Spark's retry (a later attempt) runs normally. Set on the driver with the system property
 * {@value #PROPERTY}{@code =STEP:SHARD}; absent in normal runs.
 */
record FaultInjection(long step, int shard) implements Serializable {
    static final String PROPERTY = "cnn4j.spark.failOnce";
    private static final java.util.concurrent.atomic.AtomicInteger INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    /** How many failures this JVM has injected (embedded masters run the tasks here; for tests). */
    static int injected() { return INJECTED.get(); }

    /** The injection the driver's system property asks for, or null. */
    static FaultInjection fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) return null;
        String[] p = v.split(":");
        if (p.length != 2) throw new IllegalArgumentException("-D" + PROPERTY + " must be STEP:SHARD, got '" + v + "'");
        return new FaultInjection(Long.parseLong(p[0].trim()), Integer.parseInt(p[1].trim()));
    }

    /** Throws when this is the attempt to fail. */
    void maybeFail(long step, int shard, int attempt) {
        if (step == this.step && shard == this.shard && attempt == 0) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of shard " + shard + " at step " + step + " (attempt " + attempt + ")");
        }
    }
}
