package io.cnn4j.backend.nd4j;

/**
 * Per-thread host float arrays reused across calls by the host-side convolution code, so that a training step
 * does not allocate (and the JVM zero) tens of megabytes of short-lived arrays. Each slot grows to the largest size
 * asked of it; contents are unspecified on return.
 */
final class HostScratch {
    private HostScratch() {}

    /** Distinct slots for the arrays one operation holds at the same time. */
    static final int COLUMNS = 0, IMAGE = 1, MATRIX = 2, SLOTS = 3;

    private static final ThreadLocal<float[][]> ARRAYS = ThreadLocal.withInitial(() -> new float[SLOTS][0]);

    /** An array of at least {@code size} elements for {@code slot}. */
    static float[] get(int slot, int size) {
        float[][] a = ARRAYS.get();
        if (a[slot].length < size) a[slot] = new float[size];
        return a[slot];
    }
}
