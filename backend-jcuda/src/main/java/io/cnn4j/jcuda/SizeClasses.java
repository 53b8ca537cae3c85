package io.cnn4j.jcuda;

/**
 * The size classes of the pooled device allocator. A request is rounded up to its class, and freed blocks are
 * kept on one free list per class, so the next request of a similar size reuses a block instead of calling
 * {@code cuMemAlloc} (slow, and synchronising).
 *
 * <p>Classes: multiples of {@link #MIN_BLOCK} (256 bytes, the CUDA allocation alignment) up to 4 KiB, then four
 * classes per power of two (2^k · {1, 1.25, 1.5, 1.75}), so at most 25 % of a block is waste. Pure
 * arithmetic; the pool itself is {@link DevicePool}.
 */
final class SizeClasses {
    private SizeClasses() {}

    static final long MIN_BLOCK = 256;
    /** Up to this size classes step linearly by MIN_BLOCK. */
    static final long LINEAR_LIMIT = 4096;
    private static final int LINEAR_CLASSES = (int) (LINEAR_LIMIT / MIN_BLOCK); // classes 0..15 = 256..4096
    private static final int STEPS_PER_OCTAVE = 4;

    /** The class index of a request of {@code bytes ≥ 1}. */
    static int classOf(long bytes) {
        if (bytes < 1) throw new IllegalArgumentException("allocation of " + bytes + " bytes; must be >= 1");
        if (bytes <= LINEAR_LIMIT) return (int) ((bytes + MIN_BLOCK - 1) / MIN_BLOCK) - 1;
        int octave = 63 - Long.numberOfLeadingZeros(bytes - 1); // 2^octave < bytes <= 2^(octave+1)
        long base = 1L << octave;
        long step = base / STEPS_PER_OCTAVE;
        long sub = (bytes - base + step - 1) / step;            // 1..4: smallest base + sub*step >= bytes
        int logLinear = 63 - Long.numberOfLeadingZeros(LINEAR_LIMIT);
        return LINEAR_CLASSES - 1 + (octave - logLinear) * STEPS_PER_OCTAVE + (int) sub;
    }

    /** Block size of class {@code index}: the largest request that maps to it. */
    static long sizeOf(int index) {
        if (index < 0) throw new IllegalArgumentException("size class " + index);
        if (index < LINEAR_CLASSES) return (index + 1) * MIN_BLOCK;
        int k = index - LINEAR_CLASSES;                         // 0 -> 4096*1.25
        int logLinear = 63 - Long.numberOfLeadingZeros(LINEAR_LIMIT);
        int octave = logLinear + k / STEPS_PER_OCTAVE;
        long base = 1L << octave;
        return base + (base / STEPS_PER_OCTAVE) * (k % STEPS_PER_OCTAVE + 1);
    }

    /** The block size a request of {@code bytes} gets. */
    static long roundUp(long bytes) { return sizeOf(classOf(bytes)); }
}
