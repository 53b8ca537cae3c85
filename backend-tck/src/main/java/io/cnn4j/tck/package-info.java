/**
 * The cnn4j backend conformance kit (TCK).
 *
 * <h2>For backend authors (JUnit 5 contract tests)</h2>
 * Implement {@link io.cnn4j.tck.BackendConformance} in one test class, returning your backend from
 * {@link io.cnn4j.tck.BackendUnderTest#backendUnderTest()}; every inherited default {@code @Test} runs against it
 * (see docs/writing-a-backend.md). The parts can also be implemented one by one:
 * {@link io.cnn4j.tck.PrimitiveConformance}, {@link io.cnn4j.tck.PrimitiveErrorContract},
 * {@link io.cnn4j.tck.AdjointnessConformance}, {@link io.cnn4j.tck.LayerAdjointnessConformance},
 * {@link io.cnn4j.tck.LayerConformance}, {@link io.cnn4j.tck.GradientConformance},
 * {@link io.cnn4j.tck.GoldenVectorConformance}, {@link io.cnn4j.tck.BadInputConformance}.
 *
 * <h2>For tools (no JUnit needed), e.g. {@code cnn4j verify}</h2>
 * <pre>{@code
 * List<GoldenCase> cases = GoldenVectors.bundled();            // or GoldenVectors.fromDirectory(Path.of(dir))
 * for (GoldenCase c : cases) {
 *     GoldenResult r = GoldenCaseRunner.run(c, backend, DType.FLOAT32);   // never throws for a failing case
 *     System.out.println(r.summary());                          // id, backend, dtype, PASS/FAIL, max abs, max rel
 *     if (!r.passed()) failed++; else passed++;
 * }
 * for (SweepResult s : CrossBackendSweep.run(reference, backend, DType.FLOAT32, 3, seed)) ...  // s.passed(), s.summary()
 * }</pre>
 */
package io.cnn4j.tck;
