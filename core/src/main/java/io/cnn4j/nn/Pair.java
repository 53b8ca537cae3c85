package io.cnn4j.nn;

/**
 * Helpers for PyTorch's "int or (h, w) pair" arguments ({@code kernel_size}, {@code stride}, ...), kept in one
 * place so every layer validates and prints them the same way.
 */
final class Pair {
    private Pair() {}

    /** {@code (v, v)}. */
    static int[] of(int v) { return new int[]{v, v}; }

    /**
     * Validates a (h, w) pair: exactly two values, each ≥ {@code min}. {@code layer} and {@code arg} name the
     * layer and the argument in the message. Returns a defensive copy.
     */
    static int[] check(String layer, String arg, int[] pair, int min) {
        if (pair == null || pair.length != 2)
            throw new IllegalArgumentException(layer + ": " + arg + " must be an int or an (h, w) pair new int[]{h, w}, got "
                    + (pair == null ? "null" : java.util.Arrays.toString(pair)));
        if (pair[0] < min || pair[1] < min)
            throw new IllegalArgumentException(layer + ": " + arg + " must be >= " + min + " on both axes, got " + str(pair));
        return pair.clone();
    }

    /** PyTorch's tuple formatting: {@code (2, 2)}. */
    static String str(int[] pair) { return "(" + pair[0] + ", " + pair[1] + ")"; }

    static boolean all(int[] pair, int v) { return pair[0] == v && pair[1] == v; }
}
