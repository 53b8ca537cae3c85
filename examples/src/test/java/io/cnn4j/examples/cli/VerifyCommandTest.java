package io.cnn4j.examples.cli;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.tck.GoldenCase;
import io.cnn4j.tck.GoldenVectors;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class VerifyCommandTest {

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void referencePassesAllBundledCases() {
        CliRun r = CliRun.of("verify", "--backends", "reference");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("137 passed, 0 failed", lastLine(r.out()), r::toString);
        assertEquals(137, r.out().lines().filter(l -> l.contains(" reference  f32  PASS")).count(), r::toString);
    }

    @Test
    void referencePassesInFloat64() {
        CliRun r = CliRun.of("verify", "--backends", "reference", "--dtype", "f64");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("137 passed, 0 failed", lastLine(r.out()), r::toString);
    }

    /** Writes {@code c} to {@code dir}, optionally shifting the first element of its golden {@code y}. */
    private static void write(Path dir, GoldenCase c, double shiftY) throws IOException {
        Map<String, HostTensor> ts = new LinkedHashMap<>(c.tensors());
        if (shiftY != 0) {
            HostTensor y = ts.get("y");
            double[] d = y.data().clone();
            d[0] += shiftY;
            ts.put("y", new HostTensor(y.dtype(), y.shape(), d));
        }
        SafeTensors.write(dir.resolve(c.id() + ".safetensors"), ts, c.metadata());
    }

    @Test
    void userVectorsDirectoryIsUsedAndAWrongValueFails(@TempDir Path dir) throws IOException {
        List<GoldenCase> bundled = GoldenVectors.bundled();
        GoldenCase conv = bundled.stream().filter(c -> c.id().equals("conv2d_03")).findFirst().orElseThrow();
        GoldenCase pool = bundled.stream().filter(c -> c.id().equals("max_pool2d_02")).findFirst().orElseThrow();
        write(dir, conv, 0);
        write(dir, pool, 1e-3); // far outside 1e-5 * max(1, |ref|)
        CliRun r = CliRun.of("verify", "--backends", "reference", "--vectors", dir.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("1 passed, 1 failed", lastLine(r.out()), r::toString);
        assertTrue(r.out().contains("conv2d_03") && r.out().contains("PASS"), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("max_pool2d_02") && l.contains("FAIL") && l.contains("[y: abs 1.0e-03")), r::toString);
    }

    @Test
    void badVectorsDirectoryIsExit2(@TempDir Path tmp) throws IOException {
        CliRun missing = CliRun.of("verify", "--backends", "reference", "--vectors", tmp.resolve("nope").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("not a directory"), missing::toString);

        CliRun empty = CliRun.of("verify", "--backends", "reference", "--vectors", tmp.toString());
        assertEquals(2, empty.exitCode(), empty::toString);
        assertTrue(empty.err().contains("no *.safetensors files"), empty::toString);

        Files.write(tmp.resolve("broken.safetensors"), new byte[]{1, 2, 3});
        CliRun corrupt = CliRun.of("verify", "--backends", "reference", "--vectors", tmp.toString());
        assertEquals(2, corrupt.exitCode(), corrupt::toString);
        assertTrue(corrupt.err().contains("broken.safetensors"), corrupt::toString);
        assertFalse(corrupt.err().contains("\tat "), "no stack trace: " + corrupt);
    }

    @Test
    void unknownBackendIsExit2WithTheList() {
        CliRun r = CliRun.of("verify", "--backends", "reference,gpu9000");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Unknown backend 'gpu9000'") && r.err().contains("reference  priority 100  available"), r::toString);
    }

    @Test
    void sweepAgreesBetweenTwoReferenceInstances() {
        StringWriter s = new StringWriter();
        SweepSection.Counts c = SweepSection.run(List.of(new ReferenceBackend(), new ReferenceBackend()), DType.FLOAT64, 1, 7, new PrintWriter(s, true));
        assertTrue(c.passed() >= 10, s::toString);
        assertEquals(0, c.failed(), s::toString);
        assertEquals(c.passed(), s.toString().lines().filter(l -> l.startsWith("sweep_") && l.contains("PASS  vs reference")).count(), s::toString);
    }

    @Test
    void sweepCatchesABackendThatCorruptsUploads() {
        Backend inner = new ReferenceBackend();
        Backend corrupt = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[]{Backend.class}, (p, m, args) -> {
            if (m.getName().equals("name")) return "corrupt";
            if (m.getName().equals("fromArray") && args[0] instanceof float[] f && f.length > 0) { f = f.clone(); f[0] += 0.5f; args[0] = f; }
            boolean upload = m.getName().equals("fromArray") || m.getName().equals("fromHost");
            if (upload && args[0] instanceof double[] d && d.length > 0) { d = d.clone(); d[0] += 0.5; args[0] = d; }
            try {
                return m.invoke(inner, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        StringWriter s = new StringWriter();
        SweepSection.Counts c = SweepSection.run(List.of(new ReferenceBackend(), corrupt), DType.FLOAT32, 1, 7, new PrintWriter(s, true));
        assertTrue(c.failed() > 0, s::toString);
        assertTrue(s.toString().lines().anyMatch(l -> l.contains(" corrupt ") && l.contains("FAIL  vs reference")), s::toString);
    }
}
