package io.cnn4j.io;

import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {

    @TempDir
    Path dir;

    private static Map<String, HostTensor> sample() {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        m.put("conv.weight", new HostTensor(DType.FLOAT32, new int[] {2, 1, 2, 2}, new double[] {1, -2, 3.5, 0.25, -0.125, 6, 7, 8}));
        m.put("scalar", new HostTensor(DType.FLOAT64, new int[] {}, new double[] {Math.PI}));
        m.put("empty", new HostTensor(DType.FLOAT32, new int[] {0, 3}, new double[0]));
        m.put("bias", new HostTensor(DType.FLOAT64, new int[] {3}, new double[] {1e-300, -1e300, 0.1}));
        return m;
    }

    @Test
    void roundTripKeepsNamesOrderShapesDtypesValuesAndMetadata() throws IOException {
        Path f = dir.resolve("a.safetensors");
        Map<String, String> md = Map.of("format", "pt", "epoch", "3");
        SafeTensors.write(f, sample(), md);
        SafeTensorsFile r = SafeTensors.read(f);
        assertEquals(sample(), r.tensors());
        assertEquals(Arrays.asList("conv.weight", "scalar", "empty", "bias"), Arrays.asList(r.tensors().keySet().toArray()));
        assertEquals(md, r.metadata());
        assertEquals(md, SafeTensors.readMetadata(f));
        SafeTensorsFile mem = SafeTensors.read(Files.readAllBytes(f), "in-memory copy");
        assertEquals(sample(), mem.tensors());
        assertEquals(md, mem.metadata());
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class,
                () -> SafeTensors.read(Arrays.copyOf(Files.readAllBytes(f), 20), "in-memory copy"));
        assertTrue(e.getMessage().startsWith("in-memory copy: header length"), e.getMessage());
        assertEquals(0, (Files.size(f) - 8 - ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).getLong(0)) % 4);
    }

    @Test
    void headerIsPaddedToMultipleOfEightAndLeftoverTempFilesAreGone() throws IOException {
        Path f = dir.resolve("b.safetensors");
        SafeTensors.write(f, sample(), Map.of());
        long n = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8);
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the target file remains, no temporary file");
        }
        // Overwrite in place: atomic replace of an existing file.
        Map<String, HostTensor> other = Map.of("x", new HostTensor(DType.FLOAT32, new int[] {1}, new double[] {5}));
        SafeTensors.write(f, other, Map.of());
        assertEquals(other, SafeTensors.read(f).tensors());
    }

    // ------------------------------------------------------------------ corruption cases

    /** A file from a raw header string and a data block of {@code dataLen} bytes (header not padded). */
    private Path raw(String name, String header, int dataLen) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataLen).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private String failure(Path f) {
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.write(good, sample(), Map.of());
        byte[] all = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(all, all.length - 4));
        String m = failure(cut);
        assertTrue(m.contains("'bias'") && m.contains("out of range"), m);

        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertTrue(failure(tiny).contains("too short"));
    }

    @Test
    void headerLengthLargerThanFileIsRejectedWithoutAllocating() throws IOException {
        Path f = dir.resolve("huge.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(Long.MAX_VALUE / 2).putLong(0);
        Files.write(f, b.array());
        assertTrue(failure(f).contains("header length"));
        b.clear();
        b.putLong(-1L).putLong(0); // u64 max
        Files.write(f, b.array());
        assertTrue(failure(f).contains("18446744073709551615"));
    }

    @Test
    void overlappingOffsetsAreRejected() throws IOException {
        Path f = raw("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12);
        String m = failure(f);
        assertTrue(m.contains("overlap") && m.contains("'a'") && m.contains("'b'"), m);
    }

    @Test
    void outOfRangeOffsetsAreRejected() throws IOException {
        Path f = raw("range.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);
        String m = failure(f);
        assertTrue(m.contains("'a'") && m.contains("out of range"), m);
    }

    @Test
    void gapsTrailingBytesAndWrongByteCountsAreRejected() throws IOException {
        assertTrue(failure(raw("gap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8)).contains("gap"));
        assertTrue(failure(raw("trail.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8)).contains("trailing"));
        String m = failure(raw("count.safetensors", "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8));
        assertTrue(m.contains("'a'") && m.contains("needs 16"), m);
    }

    @Test
    void badDtypeIsRejected() throws IOException {
        String m = failure(raw("bool.safetensors", "{\"w\":{\"dtype\":\"BOOL\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4));
        assertTrue(m.contains("'w'") && m.contains("BOOL") && m.contains("F32"), m);
        m = failure(raw("junk.safetensors", "{\"w\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4));
        assertTrue(m.contains("unknown dtype 'Q7'"), m);
    }

    @Test
    void integerAndHalfPrecisionTensorsAreReadWithConversion() throws IOException {
        String header = "{\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[16,24]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[24,28]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + 28).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        buf.putLong(12345L).putInt(-7).putInt(3);
        buf.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001).putShort((short) 0x7C00); // 1, -2, 2^-24, inf
        buf.putShort((short) 0x3FC0).putShort((short) 0xBF80); // 1.5, -1
        Path f = dir.resolve("mixed.safetensors");
        Files.write(f, buf.array());
        SafeTensorsFile r = SafeTensors.read(f);
        assertEquals(new HostTensor(DType.FLOAT64, new int[] {}, new double[] {12345}), r.tensor("n"));
        assertArrayEquals(new double[] {-7, 3}, r.tensor("i").data(), 0.0);
        assertArrayEquals(new double[] {1, -2, Math.pow(2, -24), Double.POSITIVE_INFINITY}, r.tensor("h").data(), 0.0);
        assertEquals(DType.FLOAT32, r.tensor("h").dtype());
        assertArrayEquals(new double[] {1.5, -1}, r.tensor("b").data(), 0.0);
    }

    @Test
    void badJsonIsRejected() throws IOException {
        assertTrue(failure(raw("json.safetensors", "{\"a\":{\"dtype\":\"F32\",", 0)).contains("not valid JSON"));
        assertTrue(failure(raw("arr.safetensors", "[1, 2, 3]   ", 0)).contains("JSON object"));
        assertTrue(failure(raw("dup.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4)).contains("not valid JSON"));
        assertTrue(failure(raw("trailing.safetensors", "{} {}", 0)).contains("not valid JSON"));
    }

    @Test
    void negativeOrNonIntegerShapesAreRejected() throws IOException {
        String m = failure(raw("neg.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0));
        assertTrue(m.contains("'a'") && m.contains("invalid dimension"), m);
        m = failure(raw("frac.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4));
        assertTrue(m.contains("invalid dimension"), m);
        m = failure(raw("meta.safetensors", "{\"__metadata__\":{\"k\":3}}", 0));
        assertTrue(m.contains("__metadata__"), m);
    }

    @Test
    void shapeWhoseProductOverflowsALongIsRejected() throws IOException {
        // 20 × 1718039348 × 2147418113 × 4 bytes wraps around to 64 in 64-bit arithmetic: 16 floats' worth.
        String m = failure(raw("overflow.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[20,1718039348,2147418113],\"data_offsets\":[0,64]}}", 64));
        assertTrue(m.contains("'a'") && m.contains("more elements than a long can count"), m);
        m = failure(raw("big.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,64]}}", 64));
        assertTrue(m.contains("needs 17179869184"), m);
    }

    @Test
    void invalidUtf8InTheHeaderIsRejected() throws IOException {
        byte[] h = "{\"__metadata__\":{\"k\":\"\u00ff\u00ff\"}}".getBytes(StandardCharsets.ISO_8859_1); // 0xFF is never valid UTF-8
        ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = Files.write(dir.resolve("latin1.safetensors"), b.array());
        assertTrue(failure(f).contains("not valid UTF-8"), failure(f));
    }
}
