package io.cnn4j.jcuda;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs every JCudaBackend primitive, both dtypes, against a recording fake device (no GPU) and checks each
 * kernel launch against the kernel's parameter list in the committed PTX: same kernel name, same number,
 * order and types of parameters (pointer / int / double / struct size). This is the glue between the Java
 * side and the kernels that neither the host-side unit tests nor the CPU kernel emulation cover.
 */
class KernelSignatureTest {

    record Launch(String kernel, LaunchShape shape, List<String> types) {}

    /** Allocates fake pointers, records launches, copies nothing (host reads see zeros). */
    static final class RecordingDevice implements Device {
        final List<Launch> launches = new ArrayList<>();
        @Override public String description() { return "recording fake device"; }
        @Override public int multiprocessors() { return 132; }
        @Override public void launch(String kernel, LaunchShape shape, KernelArgs args) { launches.add(new Launch(kernel, shape, args.types())); }
        @Override public void synchronize() {}
        @Override public void copyToDevice(CUdeviceptr dst, float[] src) {}
        @Override public void copyToDevice(CUdeviceptr dst, double[] src) {}
        @Override public void copyToHost(float[] dst, CUdeviceptr src) {}
        @Override public void copyToHost(double[] dst, CUdeviceptr src) {}
        @Override public void copyToHost(int[] dst, CUdeviceptr src) {}
        @Override public void copyOnDevice(CUdeviceptr dst, CUdeviceptr src, long bytes) {}
        @Override public void zero(CUdeviceptr dst, long bytes) {}
        @Override public long[] memoryInfo() { return new long[] {0, 0}; }
        @Override public CUdeviceptr allocate(long bytes) { return new CUdeviceptr(); }
        @Override public void free(CUdeviceptr handle) {}
    }

    /** kernel name → PTX parameter types, from the committed compute_90 PTX. */
    static Map<String, List<String>> ptxSignatures() {
        Map<String, List<String>> sigs = new HashMap<>();
        Pattern entry = Pattern.compile("\\.entry (\\w+)\\(([^)]*)\\)");
        Pattern scalar = Pattern.compile("\\.param \\.(u64|u32|s32|f64) ");
        Pattern struct = Pattern.compile("\\.param \\.align \\d+ \\.b8 \\w+\\[(\\d+)\\]");
        for (String module : KernelResources.MODULES) {
            byte[] ptx = KernelResources.ptx("compute_90", module);
            Matcher e = entry.matcher(new String(ptx, 0, ptx.length - 1, StandardCharsets.US_ASCII));
            while (e.find()) {
                List<String> types = new ArrayList<>();
                for (String p : e.group(2).split(",")) {
                    Matcher s = scalar.matcher(p), st = struct.matcher(p);
                    if (s.find()) types.add(s.group(1).equals("s32") ? "u32" : s.group(1));
                    else if (st.find()) types.add("b8[" + st.group(1) + "]");
                    else fail("unparsed PTX parameter of " + e.group(1) + ": " + p.trim());
                }
                sigs.put(e.group(1), types);
            }
        }
        return sigs;
    }

    @Test
    void everyLaunchMatchesItsPtxSignature() {
        RecordingDevice dev = new RecordingDevice();
        JCudaBackend b = new JCudaBackend(dev);
        for (DType dt : DType.values()) exerciseEverything(b, dt);
        Map<String, List<String>> sigs = ptxSignatures();
        Set<String> launched = new TreeSet<>();
        for (Launch l : dev.launches) {
            assertTrue(sigs.containsKey(l.kernel()), "kernel " + l.kernel() + " is not in the PTX");
            assertEquals(sigs.get(l.kernel()), l.types(), "parameters of " + l.kernel());
            assertTrue(l.shape().blockX() * l.shape().blockY() * l.shape().blockZ() <= 1024, l.kernel() + " " + l.shape());
            launched.add(l.kernel());
        }
        Set<String> expected = new TreeSet<>();
        for (String k : KernelResourcesTest.KERNELS) { expected.add(k + "_f32"); expected.add(k + "_f64"); }
        expected.add("cast_f32_to_f64");
        expected.add("cast_f64_to_f32");
        assertEquals(expected, launched, "every kernel exercised");
    }

    private static void exerciseEverything(JCudaBackend b, DType dt) {
        Tensor x = b.zeros(dt, 2, 3, 4, 5);
        Tensor host = dt == DType.FLOAT32 ? b.fromArray(new float[6], 2, 3) : b.fromArray(new double[6], 2, 3);
        assertEquals(6, b.toDoubleArray(host).length);
        assertArrayEquals(new int[] {3, 2, 20}, b.reshape(x, 3, 2, -1).shape());
        assertArrayEquals(new int[] {5, 2, 4, 3}, b.permute(x, 3, 0, 2, 1).shape());
        assertEquals(dt == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32, b.cast(x, dt == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32).dtype());
        assertEquals(dt, b.cast(x, dt).dtype());
        assertArrayEquals(new int[] {2, 2, 4, 5}, b.slice(x, 1, 1, 2).shape());
        assertArrayEquals(new int[] {2, 6, 4, 5}, b.concat(1, x, x).shape());
        // matmul: small tiles, big tiles, transposes, both broadcast directions
        assertArrayEquals(new int[] {3, 7}, b.matmul(b.zeros(dt, 5, 3), true, b.zeros(dt, 7, 5), true).shape());
        assertArrayEquals(new int[] {3, 1100, 1300}, b.matmul(b.zeros(dt, 3, 1100, 70), false, b.zeros(dt, 70, 1300), false).shape());
        assertArrayEquals(new int[] {4, 2, 6}, b.matmul(b.zeros(dt, 2, 3), false, b.zeros(dt, 4, 3, 6), false).shape());
        ConvGeometry g = ConvGeometry.square(3, 2, 1, 1);
        Tensor img = b.zeros(dt, 2, 3, 8, 8);
        Tensor cols = b.unfold(img, g, Double.NEGATIVE_INFINITY);
        assertArrayEquals(new int[] {2, 27, 16}, cols.shape());
        assertArrayEquals(new int[] {2, 3, 8, 8}, b.fold(cols, g, 8, 8).shape());
        for (UnaryOp op : UnaryOp.values()) b.unary(op, x);
        for (BinaryOp op : BinaryOp.values()) {
            b.binary(op, x, x);
            b.binary(op, x, b.zeros(dt, 3, 1, 5));
            b.binary(op, x, 0.5);
        }
        assertArrayEquals(new int[] {2, 5}, b.sum(x, new int[] {1, 2}, false).shape());       // contiguous run, thread per output
        assertArrayEquals(new int[] {3}, b.sum(x, new int[] {0, 2, 3}, false).shape());       // permute, then rows
        assertArrayEquals(new int[] {}, b.sum(b.zeros(dt, 64, 64), new int[] {0, 1}, false).shape()); // block per row
        Tensor big = b.zeros(dt, 4, 3, 2);
        var m = b.max(big, 1, true);
        assertArrayEquals(new int[] {4, 1, 2}, m.values().shape());
        assertArrayEquals(new int[] {4, 3, 2}, b.scatter(m.values(), m.indices(), 1, 3).shape());
        b.axpy(0.5, x, x);
        b.fill(x, 1.0);
        b.copy(x, b.zeros(dt, 2, 3, 4, 5));
    }
}
