package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Picks, per recurring convolution shape, the fastest implementation of a fused convolution — {@link GemmConvolutions}
 * (per-image columns + OpenBLAS), {@link BatchedGemmConvolutions} (one GEMM over the whole batch) and
 * {@link Libnd4jConvolutions} (libnd4j's ops, oneDNN with the default natives) — by timing them, as PyTorch's
 * {@code cudnn.benchmark} does. The choice is cached for the life of the backend, logged at INFO
 * ({@code io.cnn4j.backend.nd4j.ConvolutionChooser}; {@code cnn4j bench --explain} shows it) and listed by
 * {@link #decisions()}.
 *
 * <p>How: a shape's first use runs libnd4j's op where it can compute the case (else the per-image GEMM), so shapes
 * used once — evaluating images of many sizes — never pay for trials. Its next uses try the candidates in turn,
 * {@value #SAMPLES} calls each, timed by the calling thread's CPU time ({@link #threadTime}) in the caller's real context
 * (a training step's memory scope); the lowest median wins and is used from then on. Every trial call computes the
 * real result, so trials cost only the slower candidates' extra time during the first few steps. All candidates
 * compute the same values within the SPI's float tolerance (the conformance kit checks each against the composite
 * definition).
 *
 * <p>The other policies force one implementation (the system property {@value #PROPERTY} = {@code gemm},
 * {@code batched-gemm}, {@code libnd4j}, or {@code auto}, the default); a case the forced one cannot compute (for
 * libnd4j: asymmetric padding, dilation, output padding) runs the per-image GEMM.
 */
final class ConvolutionChooser {

    /** System property selecting the policy: auto (default), gemm, batched-gemm or libnd4j. */
    static final String PROPERTY = "cnn4j.nd4j.convolution";

    /** Timed calls per candidate before a shape's choice is made. */
    static final int SAMPLES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ConvolutionChooser.class);

    enum Policy {
        AUTO, GEMM, BATCHED_GEMM, LIBND4J;

        static Policy fromSystemProperty() {
            String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "auto", "" -> AUTO;
                case "gemm" -> GEMM;
                case "batched-gemm" -> BATCHED_GEMM;
                case "libnd4j" -> LIBND4J;
                default -> throw new IllegalArgumentException(PROPERTY + " must be auto, gemm, batched-gemm or libnd4j, got '" + v + "'");
            };
        }
    }

    /** The implementations; {@link #GEMM} can compute every case and is the baseline of the timing. */
    enum Implementation {
        GEMM, BATCHED_GEMM, LIBND4J;

        String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    /** What identifies a convolution for the choice: the operation, its operand shapes and its geometry. */
    private record Key(String op, String shapes, ConvGeometry g) {
        @Override
        public String toString() { return op + " " + shapes + " " + g; }
    }

    private final Policy policy;
    private final Map<Key, Implementation> chosen = new ConcurrentHashMap<>();
    private final Map<Key, Trials> trials = new ConcurrentHashMap<>();
    private final List<String> decisions = new ArrayList<>();

    private final LongSupplier clock;

    ConvolutionChooser(Policy policy) { this(policy, ConvolutionChooser::threadTime); }

    /** With another clock (nanoseconds), for tests of the choosing logic. */
    ConvolutionChooser(Policy policy, LongSupplier clock) {
        this.policy = policy;
        this.clock = clock;
    }

    Policy policy() { return policy; }

    /**
     * Runs {@code op} with the implementation chosen for its key among {@code candidates}, which always holds
     * {@link Implementation#GEMM} and holds the others only where they can compute this case. {@code shapes} are the
     * operand shapes (any order, fixed per op).
     */
    <T> T run(String op, ConvGeometry g, long[][] shapes, Map<Implementation, Supplier<T>> candidates) {
        Supplier<T> gemm = candidates.get(Implementation.GEMM);
        if (policy != Policy.AUTO) {
            Supplier<T> forced = candidates.get(Implementation.valueOf(policy.name()));
            return (forced != null ? forced : gemm).get();
        }
        if (candidates.size() == 1) return gemm.get();
        Key key = new Key(op, describe(shapes), g);
        Implementation impl = chosen.get(key);
        if (impl != null) return candidates.get(impl).get();
        return trials.computeIfAbsent(key, k -> new Trials(new ArrayList<>(candidates.keySet()))).next(key, candidates);
    }

    /**
     * The trials of one shape: its first use runs libnd4j where it applies (else the per-image GEMM) untimed; the
     * next uses run the candidates in turn, {@value #SAMPLES} timed calls each, in the real context of the caller
     * (inside its memory scope, so allocation costs are those of steady state); then the lowest median wins.
     * Calls of one shape come from one thread at a time in a training loop; concurrent callers only share the
     * bookkeeping, which is synchronised.
     */
    private final class Trials {
        private final List<Implementation> impls;
        private final long[][] times;
        private int calls;

        Trials(List<Implementation> impls) {
            this.impls = impls;
            this.times = new long[impls.size()][SAMPLES];
        }

        <T> T next(Key key, Map<Implementation, Supplier<T>> candidates) {
            int call;
            synchronized (this) { call = calls++; }
            if (call == 0) return candidates.getOrDefault(Implementation.LIBND4J, candidates.get(Implementation.GEMM)).get();
            int trial = call - 1, k = impls.size(), c = trial % k, sample = trial / k;
            if (sample >= SAMPLES) {                                   // decided meanwhile by another thread
                Implementation impl = chosen.get(key);
                return candidates.get(impl != null ? impl : Implementation.GEMM).get();
            }
            long t0 = clock.getAsLong();
            T result = candidates.get(impls.get(c)).get();
            long t = clock.getAsLong() - t0;
            synchronized (this) {
                times[c][sample] = t;
                if (trial == k * SAMPLES - 1) decide(key);
            }
            return result;
        }

        private void decide(Key key) {
            int best = 0;
            long bestMedian = Long.MAX_VALUE;
            StringBuilder line = new StringBuilder(key.toString()).append(":");
            for (int c = 0; c < impls.size(); c++) {
                long[] t = times[c].clone();
                Arrays.sort(t);
                long median = t[SAMPLES / 2];
                line.append(String.format(Locale.ROOT, " %s %.3f ms", impls.get(c).label(), median / 1e6));
                if (median < bestMedian) {
                    bestMedian = median;
                    best = c;
                }
            }
            Implementation impl = impls.get(best);
            chosen.put(key, impl);
            ConvolutionChooser.this.trials.remove(key);
            line.append(THREAD_CPU ? " (median CPU times) -> " : " (median times) -> ").append(impl.label());
            synchronized (decisions) { decisions.add(line.toString()); }
            LOG.info("nd4j convolution {}", line);
        }
    }

    /** One line per shape chosen so far: the candidates' best times and the winner. */
    List<String> decisions() {
        synchronized (decisions) { return List.copyOf(decisions); }
    }

    /**
     * The calling thread's CPU time where the JVM measures it (else wall-clock time). CPU time leaves out the time a
     * call spends descheduled or waiting — for other processes, for the garbage collector, for memory the native
     * allocator waits for — which would otherwise decide the choice by accident; the computing itself runs on the
     * calling thread (which also takes part in a native parallel region), so it is counted.
     */
    private static long threadTime() {
        return THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean THREAD_CPU = THREADS.isCurrentThreadCpuTimeSupported();

    private static String describe(long[][] shapes) {
        StringBuilder b = new StringBuilder();
        for (long[] sh : shapes) b.append(b.length() == 0 ? "" : " ").append(Arrays.toString(sh));
        return b.toString();
    }

    @Override
    public String toString() { return "ConvolutionChooser(" + policy + ", " + Arrays.toString(chosen.values().toArray()) + ")"; }
}
