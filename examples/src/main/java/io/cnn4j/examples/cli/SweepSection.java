package io.cnn4j.examples.cli;

import io.cnn4j.tck.CrossBackendSweep;
import io.cnn4j.tck.SweepResult;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The cross-backend part of {@code cnn4j verify}: the conformance kit's {@link CrossBackendSweep} (random cases of
 * every layer kind, both losses and the main primitives, each run with identical parameters and inputs on two
 * backends and compared output by output: normwise relative error ≤ 1e-5 in float32, ≤ 1e-12 in float64) between a
 * baseline (the reference backend when listed, else the first) and every other listed backend. The same seed gives
 * the same cases for every pair. One line per case and backend pair.
 */
final class SweepSection {

    record Counts(int passed, int failed) {}

    private SweepSection() {}

    static Counts run(List<Backend> backends, DType dtype, int casesPerKind, long seed, PrintWriter out) {
        Backend base = backends.stream().filter(b -> b.name().equals("reference")).findFirst().orElse(backends.get(0));
        List<Backend> others = new ArrayList<>(backends);
        others.remove(base);
        String dt = DTypeConverter.shortName(dtype);
        out.printf("cross-backend sweep: %d random cases per layer/loss/primitive kind (seed %d, %s) against %s; "
                + "pass when every output has normwise error <= %s%n", casesPerKind, seed, dt, base.name(),
                dtype == DType.FLOAT32 ? "1e-5" : "1e-12");
        int passed = 0, failed = 0;
        for (Backend other : others) {
            List<SweepResult> results = CrossBackendSweep.run(base, other, dtype, casesPerKind, seed);
            int i = 0;
            for (SweepResult r : results) {
                String id = String.format("sweep_%03d_%s", i++, r.kind());
                out.printf("%-22s %-10s %s  %s%n", id, other.name(), dt, describe(r, base.name()));
                if (r.passed()) passed++; else failed++;
            }
            out.flush();
        }
        return new Counts(passed, failed);
    }

    private static String describe(SweepResult r, String baseName) {
        if (r.error() != null) return "FAIL  vs " + baseName + "  " + r.description() + ": " + r.error();
        StringBuilder s = new StringBuilder(String.format("%s  vs %s  max rel %.1e  %s", r.passed() ? "PASS" : "FAIL", baseName,
                r.worstRelError(), r.description()));
        if (!r.passed()) r.agreements().stream().filter(a -> !a.passed()).forEach(a -> s.append("  [").append(a).append(']'));
        return s.toString();
    }
}
