package io.cnn4j.tck;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossBackendSweepTest {

    private final Backend reference = new ReferenceBackend();

    @Test
    void agreeingBackendsPassEveryCaseAndEveryKindIsCovered() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, null}) {
            List<SweepResult> rs = CrossBackendSweep.run(reference, new DelegatingBackend(new ReferenceBackend()), dt, 2, 7);
            for (SweepResult r : rs) assertTrue(r.passed(), r.summary());
            Set<String> kinds = rs.stream().map(SweepResult::kind).collect(Collectors.toSet());
            assertTrue(kinds.containsAll(Set.of("Conv2d", "ConvTranspose2d", "MaxPool2d", "AvgPool2d", "Linear", "BatchNorm2d",
                    "Upsample", "Flatten", "MSELoss", "CrossEntropyLoss", "matmul", "unfold", "fold", "binary")), kinds.toString());
            assertEquals(rs.size(), CrossBackendSweep.run(reference, reference, dt, 2, 7).size(), "deterministic for a seed");
        }
    }

    @Test
    void aFaultyFoldIsReportedAsFailedCasesNotAnException() {
        Backend faulty = new DelegatingBackend(new ReferenceBackend()) {
            @Override public Tensor fold(Tensor cols, ConvGeometry g, int h, int w) {
                return binary(io.cnn4j.tensor.BinaryOp.MUL, super.fold(cols, g, h, w), 1.001);
            }
        };
        List<SweepResult> rs = CrossBackendSweep.run(reference, faulty, DType.FLOAT64, 2, 7);
        List<SweepResult> failed = rs.stream().filter(r -> !r.passed()).toList();
        assertFalse(failed.isEmpty());
        assertTrue(failed.stream().anyMatch(r -> r.kind().equals("fold")), failed.toString());
        assertTrue(failed.stream().anyMatch(r -> r.kind().equals("Conv2d")), "Conv2d backward uses fold: " + failed);
        assertTrue(failed.get(0).summary().startsWith("FAIL"), failed.get(0).summary());
    }
}
