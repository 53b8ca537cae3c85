package io.cnn4j.jcuda;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The committed PTX is on the classpath, defines every kernel the backend launches, and was built from the
 * current sources (the manifest's SHA-256s match src/main/cuda) — so CI catches a kernel edited without
 * rebuilding, even where nvcc is absent.
 */
class KernelResourcesTest {

    /** Every kernel name JCudaBackend launches (with dtype suffixes). */
    static final List<String> KERNELS = List.of("unary", "binary_same", "binary_bcast", "binary_scalar", "axpy", "fill",
            "strided_copy", "sum_mid", "sum_rows_block", "max_axis", "scatter_axis", "unfold", "fold", "matmul_big", "matmul_small");

    @Test
    void ptxForEveryArchitectureDefinesEveryKernel() {
        List<String> archs = KernelResources.architectures();
        assertEquals(List.of("compute_75", "compute_90"), archs);
        for (String arch : archs) {
            StringBuilder all = new StringBuilder();
            for (String module : KernelResources.MODULES) {
                byte[] ptx = KernelResources.ptx(arch, module);
                assertEquals(0, ptx[ptx.length - 1], "NUL-terminated for cuModuleLoadData");
                String text = new String(ptx, 0, ptx.length - 1, StandardCharsets.US_ASCII);
                assertTrue(text.contains(".target sm_" + arch.substring(8)), arch + "/" + module + " targets " + arch);
                all.append(text);
            }
            for (String k : KERNELS)
                for (String sfx : List.of("_f32", "_f64"))
                    assertTrue(all.toString().contains(".entry " + k + sfx + "("), arch + " lacks kernel " + k + sfx);
            assertTrue(all.toString().contains(".entry cast_f32_to_f64("));
            assertTrue(all.toString().contains(".entry matmul_big1_f32("));
            assertTrue(all.toString().contains(".entry cast_f64_to_f32("));
        }
    }

    @Test
    void architectureChoiceTakesTheHighestNotAboveTheDevice() {
        List<String> archs = List.of("compute_75", "compute_90");
        assertEquals("compute_90", KernelResources.architectureFor(9, 0, archs));  // H100/H200
        assertEquals("compute_90", KernelResources.architectureFor(10, 0, archs)); // Blackwell JITs compute_90
        assertEquals("compute_75", KernelResources.architectureFor(8, 0, archs));  // A100
        assertEquals("compute_75", KernelResources.architectureFor(8, 9, archs));  // Ada
        assertNull(KernelResources.architectureFor(7, 0, archs));                  // V100: too old
    }

    @Test
    void manifestMatchesTheKernelSources() throws Exception {
        TreeMap<String, String> expected = new TreeMap<>();
        for (String line : KernelResources.manifest().split("\n"))
            if (line.startsWith("source ")) {
                String[] f = line.split(" ");
                expected.put(f[1], f[2]);
            }
        TreeMap<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/cuda"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".cu") || name.endsWith(".cuh"))
                    actual.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        assertEquals(expected, actual, "kernel sources changed since the PTX was built: run backend-jcuda/cuda/build-kernels.sh and commit");
        for (String module : KernelResources.MODULES) assertTrue(actual.containsKey(module + ".cu"), module);
    }
}
