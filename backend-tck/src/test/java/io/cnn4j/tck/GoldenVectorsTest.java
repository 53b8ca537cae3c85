package io.cnn4j.tck;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The golden-vector API the CLI uses: loading, running, and detecting a wrong result. */
class GoldenVectorsTest {

    private final Backend reference = new ReferenceBackend();

    @Test
    void bundledVectorsAreAll137CasesAndPassOnTheReferenceBackend() {
        List<GoldenCase> cases = GoldenVectors.bundled();
        assertEquals(137, cases.size());
        Map<String, Long> perOp = cases.stream().collect(Collectors.groupingBy(GoldenCase::op, Collectors.counting()));
        assertEquals(Map.ofEntries(Map.entry("conv2d", 30L), Map.entry("conv_transpose2d", 22L), Map.entry("max_pool2d", 14L),
                Map.entry("avg_pool2d", 14L), Map.entry("linear", 4L), Map.entry("relu", 2L), Map.entry("sigmoid", 1L),
                Map.entry("mse_loss", 2L), Map.entry("batch_norm2d", 3L), Map.entry("cross_entropy_loss", 5L), Map.entry("upsample", 2L),
                Map.entry("leaky_relu", 2L), Map.entry("tanh", 1L), Map.entry("adaptive_avg_pool2d", 4L), Map.entry("adaptive_max_pool2d", 4L),
                Map.entry("silu", 1L), Map.entry("gelu", 3L), Map.entry("softmax", 2L), Map.entry("log_softmax", 1L), Map.entry("group_norm", 2L),
                Map.entry("layer_norm", 2L), Map.entry("instance_norm2d", 5L), Map.entry("l1_loss", 2L), Map.entry("smooth_l1_loss", 2L),
                Map.entry("bce_with_logits_loss", 5L), Map.entry("nll_loss", 2L)),
                perOp);
        double worst = 0;
        for (GoldenCase c : cases) {
            GoldenResult r = GoldenCaseRunner.run(c, reference, DType.FLOAT32);
            assertTrue(r.passed(), r.summary());
            worst = Math.max(worst, r.maxRel());
            if (c.op().startsWith("conv")) assertTrue(r.tensors().size() >= 3, "conv cases compare y, dx, dweight (+dbias): " + r.tensors());
        }
        assertTrue(worst > 0, "float32 results of 137 cases cannot all be bit-identical to PyTorch; is anything compared?");
    }

    @Test
    void aPerturbedGoldenValueFailsWithTheTensorNamed(@TempDir Path dir) throws IOException {
        GoldenCase c = GoldenVectors.bundled().stream().filter(g -> g.id().equals("conv2d_03")).findFirst().orElseThrow();
        Map<String, HostTensor> t = new LinkedHashMap<>(c.tensors());
        HostTensor db = t.get("dbias");
        double[] d = db.data().clone();
        d[2] += 3e-4 * Math.max(1, Math.abs(d[2])); // 30x the tolerance
        t.put("dbias", new HostTensor(db.dtype(), db.shape(), d));
        SafeTensors.write(dir.resolve("conv2d_03_bad.safetensors"), t, c.metadata());
        Files.write(dir.resolve("notes.txt"), List.of("ignored: not a safetensors file"));

        List<GoldenCase> fromDir = GoldenVectors.fromDirectory(dir);
        assertEquals(1, fromDir.size());
        GoldenResult r = GoldenCaseRunner.run(fromDir.get(0), reference, DType.FLOAT64);
        assertFalse(r.passed());
        assertTrue(r.summary().contains("FAIL") && r.summary().contains("dbias"), r.summary());
        assertTrue(r.tensors().stream().filter(e -> !e.name().equals("dbias")).allMatch(GoldenResult.TensorError::passed), r.tensors().toString());
    }

    @Test
    void unsupportedOpIsAFailedResultNotAnException(@TempDir Path dir) throws IOException {
        Map<String, HostTensor> t = Map.of("x", new HostTensor(DType.FLOAT32, new int[] {1}, new double[] {1}),
                "y", new HostTensor(DType.FLOAT32, new int[] {1}, new double[] {1}));
        SafeTensors.write(dir.resolve("hardswish_00.safetensors"), t, Map.of("op", "hardswish"));
        GoldenResult r = GoldenCaseRunner.run(GoldenVectors.fromDirectory(dir).get(0), reference, DType.FLOAT32);
        assertFalse(r.passed());
        assertTrue(r.error().contains("unsupported op 'hardswish'"), r.error());
        assertEquals("hardswish_00", r.caseId());
    }

    @Test
    void directoryWithoutVectorsIsAClearError(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoldenVectors.fromDirectory(dir));
        assertTrue(e.getMessage().contains("no *.safetensors files"), e.getMessage());
    }
}
