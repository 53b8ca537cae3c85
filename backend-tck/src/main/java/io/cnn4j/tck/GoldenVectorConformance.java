package io.cnn4j.tck;

import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/**
 * The bundled PyTorch golden vectors (137 cases): every case in FLOAT32 and FLOAT64 must match {@code y}, {@code dx},
 * {@code dweight}, {@code dbias}, {@code dtarget} with {@code |a−b| ≤ 1e-5·max(1,|ref|)} (one dynamic test per case).
 */
public interface GoldenVectorConformance extends BackendUnderTest {

    private Stream<DynamicTest> cases(DType dtype) {
        return GoldenVectors.bundled().stream().map(c -> DynamicTest.dynamicTest(c.id() + " " + dtype, () -> {
            GoldenResult r = GoldenCaseRunner.run(c, backendUnderTest(), dtype);
            if (!r.passed()) throw new AssertionError(r.summary() + " (" + r.tensors() + ")");
        }));
    }

    @TestFactory default Stream<DynamicTest> goldenVectorsFloat32() { return cases(DType.FLOAT32); }

    @TestFactory default Stream<DynamicTest> goldenVectorsFloat64() { return cases(DType.FLOAT64); }
}
