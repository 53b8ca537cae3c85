package io.cnn4j.backend.nd4j;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tck.CrossBackendSweep;
import io.cnn4j.tck.SweepResult;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cross-backend sweep exactly as {@code cnn4j verify --backends reference,nd4j} runs it (default seed and case
 * count). It once failed on a one-channel BatchNorm2d weight gradient, a float32 sum with cancellation, before
 * nd4j's float32 sums accumulated in double like the reference backend's.
 */
class Nd4jSweepTest {

    @Test
    void verifysDefaultSweepAgreesWithReference() {
        List<SweepResult> results = CrossBackendSweep.run(new ReferenceBackend(), new Nd4jBackend(), DType.FLOAT32, 3, 20240611L);
        String failures = results.stream().filter(r -> !r.passed()).map(SweepResult::summary).collect(Collectors.joining("\n"));
        assertTrue(results.size() >= 40, "the sweep should cover every layer, loss and primitive kind: " + results.size());
        assertTrue(failures.isEmpty(), "nd4j disagrees with the reference:\n" + failures);
    }
}
