package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ConvGeometry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.cnn4j.backend.nd4j.ConvolutionChooser.Implementation.BATCHED_GEMM;
import static io.cnn4j.backend.nd4j.ConvolutionChooser.Implementation.GEMM;
import static io.cnn4j.backend.nd4j.ConvolutionChooser.Implementation.LIBND4J;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The choosing logic of {@link ConvolutionChooser} with a fake clock: each candidate "costs" a fixed number of
 * nanoseconds, so the choice is deterministic (nothing here is timed for real).
 */
class ConvolutionChooserTest {
    private static final ConvGeometry G = ConvGeometry.square(3, 1, 1, 1);
    private static final long[][] SHAPES = {{32, 16, 32, 32}, {16, 16, 3, 3}};

    /** A clock that candidates advance by their cost, and candidates that record which one ran. */
    private static final class Bench {
        long now;
        final List<ConvolutionChooser.Implementation> ran = new ArrayList<>();

        Map<ConvolutionChooser.Implementation, Supplier<String>> candidates(long gemm, long batched, Long libnd4j) {
            Map<ConvolutionChooser.Implementation, Supplier<String>> m = new EnumMap<>(ConvolutionChooser.Implementation.class);
            m.put(GEMM, cost(GEMM, gemm));
            m.put(BATCHED_GEMM, cost(BATCHED_GEMM, batched));
            if (libnd4j != null) m.put(LIBND4J, cost(LIBND4J, libnd4j));
            return m;
        }

        private Supplier<String> cost(ConvolutionChooser.Implementation impl, long nanos) {
            return () -> {
                ran.add(impl);
                now += nanos;
                return impl.name();
            };
        }
    }

    @Test
    void firstUseRunsLibnd4jThenEachCandidateIsTriedThenTheCheapestStays() {
        Bench bench = new Bench();
        ConvolutionChooser chooser = new ConvolutionChooser(ConvolutionChooser.Policy.AUTO, () -> bench.now);
        var candidates = bench.candidates(5_000_000, 2_000_000, 9_000_000L);
        assertEquals("LIBND4J", chooser.run("conv2d", G, SHAPES, candidates));
        int trials = 3 * ConvolutionChooser.SAMPLES;
        for (int i = 0; i < trials; i++) chooser.run("conv2d", G, SHAPES, candidates);
        for (ConvolutionChooser.Implementation impl : List.of(GEMM, BATCHED_GEMM, LIBND4J))   // libnd4j also ran the first use
            assertEquals(ConvolutionChooser.SAMPLES + (impl == LIBND4J ? 1 : 0), bench.ran.stream().filter(r -> r == impl).count(), "calls of " + impl);
        for (int i = 0; i < 5; i++) assertEquals("BATCHED_GEMM", chooser.run("conv2d", G, SHAPES, candidates));
        assertEquals(1, chooser.decisions().size());
        assertTrue(chooser.decisions().get(0).endsWith("-> batched-gemm"), chooser.decisions().get(0));
    }

    @Test
    void shapesAreChosenSeparatelyAndUnsupportedCandidatesAreNeverRun() {
        Bench bench = new Bench();
        ConvolutionChooser chooser = new ConvolutionChooser(ConvolutionChooser.Policy.AUTO, () -> bench.now);
        var withoutLibnd4j = bench.candidates(1_000_000, 3_000_000, null);
        long[][] other = {{8, 16, 32, 32}, {16, 16, 3, 3}};
        for (int i = 0; i < 20; i++) chooser.run("conv2d", G, other, withoutLibnd4j);
        assertTrue(bench.ran.stream().noneMatch(r -> r == LIBND4J));
        assertEquals("GEMM", chooser.run("conv2d", G, other, withoutLibnd4j));
        var libnd4jCheapest = bench.candidates(4_000_000, 3_000_000, 1_000_000L);
        for (int i = 0; i < 20; i++) chooser.run("conv2d", G, SHAPES, libnd4jCheapest);
        assertEquals("LIBND4J", chooser.run("conv2d", G, SHAPES, libnd4jCheapest));
        assertEquals(2, chooser.decisions().size());
    }

    @Test
    void aForcedPolicyRunsItsImplementationOrFallsBackToGemm() {
        Bench bench = new Bench();
        ConvolutionChooser forced = new ConvolutionChooser(ConvolutionChooser.Policy.LIBND4J, () -> bench.now);
        assertEquals("LIBND4J", forced.run("conv2d", G, SHAPES, bench.candidates(1, 1, 1L)));
        assertEquals("GEMM", forced.run("conv2d", G, SHAPES, bench.candidates(1, 1, null)));
        assertTrue(forced.decisions().isEmpty());
    }
}
