package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Picks, per convolution shape, the fastest implementation of a fused convolution — {@link GemmConvolutions}
 * (per-image columns + OpenBLAS), {@link BatchedGemmConvolutions} (one GEMM over the whole batch) and
 * {@link Libnd4jConvolutions} (libnd4j's ops, oneDNN with the default natives) — by timing them on the shape's first use, as PyTorch's {@code cudnn.benchmark} does. The choice is cached for
 * the life of the backend, logged at INFO ({@code io.cnn4j.backend.nd4j.ConvolutionChooser}) and listed by
 * {@link #decisions()}.
 *
 * <p>Timing: one untimed call of each candidate (oneDNN builds its kernels on first use), then {@value #TIMED_RUNS}
 * rounds running every candidate once, in an order rotated from round to round; the candidate with the lowest median
 * ratio of its time to the per-image GEMM's time in the same round wins (a ratio of adjacent runs is robust to other
 * load on the machine). The winner's last result is returned, so the first use of a shape costs six calls of each
 * candidate instead of one call. Both candidates compute the same values within
 * the SPI's float tolerance (the conformance kit checks each against the composite definition).
 *
 * <p>The other policies force one implementation (the system property {@value #PROPERTY} = {@code gemm},
 * {@code batched-gemm}, {@code libnd4j}, or {@code auto}, the default); a case the forced one cannot compute (for
 * libnd4j: asymmetric padding, dilation, output padding) runs the per-image GEMM.
 */
final class ConvolutionChooser {

    /** System property selecting the policy: auto (default), gemm or libnd4j. */
    static final String PROPERTY = "cnn4j.nd4j.convolution";

    static final int TIMED_RUNS = 5;

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
    private record Key(String op, List<Long> shapes, ConvGeometry g) {
        @Override
        public String toString() { return op + " " + shapes + " " + g; }
    }

    private final Policy policy;
    private final Map<Key, Implementation> chosen = new ConcurrentHashMap<>();
    private final List<String> decisions = new ArrayList<>();

    ConvolutionChooser(Policy policy) { this.policy = policy; }

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
        Key key = new Key(op, flatten(shapes), g);
        Implementation impl = chosen.get(key);
        if (impl != null) return candidates.get(impl).get();
        return choose(key, candidates);
    }

    private <T> T choose(Key key, Map<Implementation, Supplier<T>> candidates) {
        List<Implementation> impls = new ArrayList<>(candidates.keySet());
        int k = impls.size();
        List<T> last = new ArrayList<>();
        for (Implementation i : impls) last.add(candidates.get(i).get());
        long[][] times = new long[k][TIMED_RUNS];
        for (int r = 0; r < TIMED_RUNS; r++)
            for (int q = 0; q < k; q++) {
                int c = (q + r) % k;                                   // rotate the order from round to round
                long t0 = System.nanoTime();
                last.set(c, candidates.get(impls.get(c)).get());
                times[c][r] = System.nanoTime() - t0;
            }
        int base = impls.indexOf(Implementation.GEMM), best = base;
        double bestRatio = 1;
        StringBuilder line = new StringBuilder(key.toString()).append(":");
        for (int c = 0; c < k; c++) {
            double[] ratio = new double[TIMED_RUNS];
            for (int r = 0; r < TIMED_RUNS; r++) ratio[r] = (double) times[c][r] / Math.max(1, times[base][r]);
            Arrays.sort(ratio);
            long[] t = times[c].clone();
            Arrays.sort(t);
            line.append(String.format(Locale.ROOT, " %s %.3f ms", impls.get(c).label(), t[TIMED_RUNS / 2] / 1e6));
            if (ratio[TIMED_RUNS / 2] < bestRatio) {
                bestRatio = ratio[TIMED_RUNS / 2];
                best = c;
            }
        }
        Implementation impl = impls.get(best);
        chosen.put(key, impl);
        line.append(" (medians) -> ").append(impl.label());
        synchronized (decisions) { decisions.add(line.toString()); }
        LOG.info("nd4j convolution {}", line);
        return last.get(best);
    }

    /** One line per shape chosen so far: the candidates' best times and the winner. */
    List<String> decisions() {
        synchronized (decisions) { return List.copyOf(decisions); }
    }

    private static List<Long> flatten(long[][] shapes) {
        List<Long> l = new ArrayList<>();
        for (long[] s : shapes) {
            for (long v : s) l.add(v);
            l.add(-1L);
        }
        return l;
    }

    @Override
    public String toString() { return "ConvolutionChooser(" + policy + ", " + Arrays.toString(chosen.values().toArray()) + ")"; }
}
