package io.cnn4j.examples.cli;

import io.cnn4j.tck.Draw;
import io.cnn4j.tck.LayerCase;
import io.cnn4j.tck.LayerCases;
import io.cnn4j.tck.LayerComparison;
import io.cnn4j.tck.TensorAgreement;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The cross-backend part of {@code cnn4j verify}: random layer cases from the conformance kit's generators
 * ({@link LayerCases#ALL}: every layer kind, random geometry, both dtypes as drawn), each built with identical
 * parameters and inputs on a baseline backend (the reference backend when listed, else the first) and on every
 * other listed backend, forward and backward, compared with {@link LayerComparison}: every output (y, dx, each
 * parameter gradient, buffers) must agree within the kit's normwise bound (1e-5 for float32, 1e-12 for float64).
 * The same seed gives the same cases for every pair.
 */
final class SweepSection {

    record Counts(int passed, int failed) {}

    private SweepSection() {}

    static Counts run(List<Backend> backends, DType requested, int cases, long seed, PrintWriter out) {
        Backend base = backends.stream().filter(b -> b.name().equals("reference")).findFirst().orElse(backends.get(0));
        List<Backend> others = new ArrayList<>(backends);
        others.remove(base);
        out.printf("cross-backend sweep: %d random layer cases (seed %d, both dtypes as drawn; --dtype %s applies to the golden cases) "
                + "vs %s; pass when every output has normwise error <= 1e-5 (f32) / 1e-12 (f64)%n",
                cases, seed, DTypeConverter.shortName(requested), base.name());
        int passed = 0, failed = 0;
        for (Backend other : others) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < cases; i++) {
                Draw draw = Draw.of(rng);
                Function<Draw, LayerCase> kind = LayerCases.ALL.get(draw.between(0, LayerCases.ALL.size() - 1));
                LayerCase c = kind.apply(draw);
                String label = String.format("sweep_%03d %-10s vs %-10s %s", i, other.name(), base.name(),
                        c.dtype() == DType.FLOAT32 ? "f32" : "f64");
                try {
                    List<TensorAgreement> res = LayerComparison.compare(c, base, other);
                    boolean ok = res.stream().allMatch(TensorAgreement::passed);
                    double worst = res.stream().mapToDouble(a -> Double.isNaN(a.relError()) ? Double.POSITIVE_INFINITY : a.relError())
                            .max().orElse(Double.NaN);
                    StringBuilder line = new StringBuilder(String.format("%s  %s  max rel %.1e  %s", label, ok ? "PASS" : "FAIL", worst, c));
                    if (!ok) for (TensorAgreement a : res) if (!a.passed()) line.append("  [").append(a).append(']');
                    out.println(line);
                    if (ok) passed++; else failed++;
                } catch (RuntimeException e) {
                    out.println(label + "  FAIL  " + e.getClass().getSimpleName() + ": " + e.getMessage() + "  " + c);
                    failed++;
                }
            }
            out.flush();
        }
        return new Counts(passed, failed);
    }
}
