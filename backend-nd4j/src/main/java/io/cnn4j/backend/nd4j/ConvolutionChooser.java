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
 * Picks, per convolution shape, the faster of the two implementations of a fused convolution — {@link GemmConvolutions}
 * (per-image columns + OpenBLAS) and {@link Libnd4jConvolutions} (libnd4j's ops, oneDNN where the natives have
 * it) — by timing both on the shape's first use, as PyTorch's {@code cudnn.benchmark} does. The choice is cached for
 * the life of the backend, logged at INFO ({@code io.cnn4j.backend.nd4j.ConvolutionChooser}) and listed by
 * {@link #decisions()}.
 *
 * <p>Timing: one untimed call of each candidate (oneDNN builds its kernels on first use), then {@value #TIMED_RUNS}
 * back-to-back pairs in alternating order; the candidate with the lower median time ratio over the pairs wins (a
 * ratio of adjacent runs is robust to other load on the machine). The winner's last result is returned, so the first
 * use of a shape costs twelve calls instead of one. Both candidates compute the same values within
 * the SPI's float tolerance (the conformance kit checks each against the composite definition).
 *
 * <p>{@link Policy#GEMM} or {@link Policy#LIBND4J} force one implementation (the system property
 * {@value #PROPERTY} = {@code gemm}, {@code libnd4j} or {@code auto}, the default); a geometry libnd4j cannot
 * compute (asymmetric padding, output padding) always runs the GEMM implementation.
 */
final class ConvolutionChooser {

    /** System property selecting the policy: auto (default), gemm or libnd4j. */
    static final String PROPERTY = "cnn4j.nd4j.convolution";

    static final int TIMED_RUNS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ConvolutionChooser.class);

    enum Policy {
        AUTO, GEMM, LIBND4J;

        static Policy fromSystemProperty() {
            String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "auto", "" -> AUTO;
                case "gemm" -> GEMM;
                case "libnd4j" -> LIBND4J;
                default -> throw new IllegalArgumentException(PROPERTY + " must be auto, gemm or libnd4j, got '" + v + "'");
            };
        }
    }

    enum Implementation { GEMM, LIBND4J }

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
     * Runs {@code op} with the implementation chosen for its key. {@code libnd4j} is null when libnd4j cannot compute
     * this case. {@code shapes} are the operand shapes (any order, fixed per op).
     */
    <T> T run(String op, ConvGeometry g, long[][] shapes, Supplier<T> gemm, Supplier<T> libnd4j) {
        if (libnd4j == null || policy == Policy.GEMM) return gemm.get();
        if (policy == Policy.LIBND4J) return libnd4j.get();
        Key key = new Key(op, flatten(shapes), g);
        Implementation impl = chosen.get(key);
        if (impl != null) return impl == Implementation.GEMM ? gemm.get() : libnd4j.get();
        return choose(key, gemm, libnd4j);
    }

    private <T> T choose(Key key, Supplier<T> gemm, Supplier<T> libnd4j) {
        T lastGemm = gemm.get(), lastLib = libnd4j.get();
        long[] tGemm = new long[TIMED_RUNS], tLib = new long[TIMED_RUNS];
        double[] ratio = new double[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            boolean gemmFirst = i % 2 == 0;
            long t0 = System.nanoTime();
            if (gemmFirst) lastGemm = gemm.get(); else lastLib = libnd4j.get();
            long t1 = System.nanoTime();
            if (gemmFirst) lastLib = libnd4j.get(); else lastGemm = gemm.get();
            long t2 = System.nanoTime();
            tGemm[i] = gemmFirst ? t1 - t0 : t2 - t1;
            tLib[i] = gemmFirst ? t2 - t1 : t1 - t0;
            ratio[i] = (double) tLib[i] / Math.max(1, tGemm[i]);
        }
        Arrays.sort(ratio);
        Arrays.sort(tGemm);
        Arrays.sort(tLib);
        Implementation impl = ratio[TIMED_RUNS / 2] < 1 ? Implementation.LIBND4J : Implementation.GEMM;
        chosen.put(key, impl);
        String line = String.format(Locale.ROOT, "%s: gemm %.3f ms, libnd4j %.3f ms (medians) -> %s", key,
                tGemm[TIMED_RUNS / 2] / 1e6, tLib[TIMED_RUNS / 2] / 1e6, impl.name().toLowerCase(Locale.ROOT));
        synchronized (decisions) { decisions.add(line); }
        LOG.info("nd4j convolution {}", line);
        return impl == Implementation.LIBND4J ? lastLib : lastGemm;
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
