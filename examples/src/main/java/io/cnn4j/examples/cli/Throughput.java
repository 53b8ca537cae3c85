package io.cnn4j.examples.cli;

import java.util.Arrays;

/**
 * Measures throughput in images per second: {@code warmup} untimed steps (JIT compilation, allocation of pools),
 * then {@code repeats} timed repetitions of {@code steps} steps each; the result is the median over repetitions
 * (robust against a noisy shared machine), with the individual repetitions kept for reporting.
 */
final class Throughput {

    /** One measurement: images/s per repetition and their median. */
    record Result(double median, double[] perRepeat) {
        double min() { return Arrays.stream(perRepeat).min().orElse(Double.NaN); }
        double max() { return Arrays.stream(perRepeat).max().orElse(Double.NaN); }
    }

    private Throughput() {}

    static Result measure(Runnable step, int imagesPerStep, int warmup, int steps, int repeats) {
        if (steps < 1 || repeats < 1 || warmup < 0)
            throw new IllegalArgumentException("Throughput: need steps >= 1, repeats >= 1, warmup >= 0; got steps=" + steps
                    + " repeats=" + repeats + " warmup=" + warmup);
        for (int i = 0; i < warmup; i++) step.run();
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) step.run();
            long dt = Math.max(1, System.nanoTime() - t0);
            rates[r] = (double) imagesPerStep * steps / (dt / 1e9);
        }
        return new Result(median(rates), rates);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
