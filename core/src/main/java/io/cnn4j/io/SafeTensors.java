package io.cnn4j.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, the format
 * PyTorch / Hugging Face checkpoints use, so weights move both ways:
 * <pre>
 *   u64 little-endian N | N bytes UTF-8 JSON header (space-padded) | data block (raw little-endian, row-major)
 *   header: {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ..., "__metadata__": {"k": "v"}}
 * </pre>
 * Offsets are byte offsets into the data block. cnn4j writes F32 and F64 and reads F32 and F64 as they are;
 * it also reads I64 and I32 (converted to FLOAT64, as PyTorch stores BatchNorm's {@code num_batches_tracked}) and
 * F16 and BF16 (converted to FLOAT32). Other dtypes (BOOL, U8, F8, ...) are rejected with a clear message.
 *
 * <p>The reader trusts nothing: the header length is checked against the file size before anything is allocated
 * (so a corrupt length cannot cause an out-of-memory error), the JSON must be well formed without duplicate keys,
 * every offset must lie in the data block, the tensors must tile the data block exactly (no overlap, no gap, no
 * trailing bytes) and each byte count must equal numel × dtype size. Every failure is a
 * {@link SafeTensorsFormatException} naming the file and the tensor.
 *
 * <p>The writer stores tensors back to back in map order and replaces the target atomically (temporary file
 * in the same directory, then an atomic rename), so a crash never leaves a half-written checkpoint.
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** Largest header accepted (the Hugging Face reference implementation uses the same 100 MB limit). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final String METADATA = "__metadata__";
    /** Dtypes of the safetensors specification that cnn4j recognises but does not load. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("BOOL", "U8", "I8", "I16", "U16",
            "U32", "U64", "F8_E4M3", "F8_E5M2");

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // ------------------------------------------------------------------ reading

    /** Reads and validates a whole file. */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ByteSource.of(ch), file.toString());
        }
    }

    /**
     * Reads and validates safetensors content held in memory (e.g. a classpath resource); {@code sourceName}
     * names it in error messages.
     */
    public static SafeTensorsFile read(byte[] contents, String sourceName) throws IOException {
        return read(ByteSource.of(contents), sourceName);
    }

    /** Reads only the {@code __metadata__} map (after validating the header and offsets), without loading tensor data. */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteSource in = ByteSource.of(ch);
            String src = file.toString();
            long dataLen = in.size() - 8 - headerLength(in, src);
            List<Entry> entries = new ArrayList<>();
            Map<String, String> md = parseHeader(readFully(in, 8, (int) (in.size() - 8 - dataLen), src).array(), src, dataLen, entries);
            checkTiling(entries, dataLen, src);
            return md;
        }
    }

    private static SafeTensorsFile read(ByteSource in, String src) throws IOException {
        long size = in.size();
        long headerLen = headerLength(in, src);
        byte[] headerBytes = readFully(in, 8, (int) headerLen, src).array();
        long dataStart = 8 + headerLen;
        long dataLen = size - dataStart;

        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = parseHeader(headerBytes, src, dataLen, entries);
        checkTiling(entries, dataLen, src);

        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            ByteBuffer b = readFully(in, dataStart + e.begin, (int) (e.end - e.begin), src).order(ByteOrder.LITTLE_ENDIAN);
            double[] d = new double[(int) e.numel];
            switch (e.stored) {
                case "F32": for (int i = 0; i < d.length; i++) d[i] = b.getFloat(4 * i); break;
                case "F64": for (int i = 0; i < d.length; i++) d[i] = b.getDouble(8 * i); break;
                case "I64": for (int i = 0; i < d.length; i++) d[i] = b.getLong(8 * i); break;
                case "I32": for (int i = 0; i < d.length; i++) d[i] = b.getInt(4 * i); break;
                case "F16": for (int i = 0; i < d.length; i++) d[i] = halfToFloat(b.getShort(2 * i)); break;
                case "BF16": for (int i = 0; i < d.length; i++) d[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16); break;
                default: throw new AssertionError(e.stored);
            }
            tensors.put(e.name, new HostTensor(e.dtype, e.shape, d));
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    /** Reads and checks the u64 header length against the size of the source, before anything is allocated. */
    private static long headerLength(ByteSource in, String src) throws IOException {
        long size = in.size();
        if (size < 8)
            throw new SafeTensorsFormatException(src + ": file is " + size + " bytes, too short for the 8-byte header length (truncated or not a safetensors file)");
        long headerLen = readFully(in, 0, 8, src).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLen < 0 || headerLen > size - 8)
            throw new SafeTensorsFormatException(src + ": header length " + Long.toUnsignedString(headerLen) + " exceeds the "
                    + (size - 8) + " bytes after the length field (truncated or corrupt file)");
        if (headerLen > MAX_HEADER_BYTES)
            throw new SafeTensorsFormatException(src + ": header length " + headerLen + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        if (headerLen < 2)
            throw new SafeTensorsFormatException(src + ": header length " + headerLen + " is too small for a JSON object");
        return headerLen;
    }

    /** Positional reads from a file channel or a byte array. */
    private interface ByteSource {
        long size() throws IOException;

        int read(ByteBuffer dst, long position) throws IOException;

        static ByteSource of(FileChannel ch) {
            return new ByteSource() {
                @Override public long size() throws IOException { return ch.size(); }
                @Override public int read(ByteBuffer dst, long position) throws IOException { return ch.read(dst, position); }
            };
        }

        static ByteSource of(byte[] bytes) {
            return new ByteSource() {
                @Override public long size() { return bytes.length; }
                @Override public int read(ByteBuffer dst, long position) {
                    if (position >= bytes.length) return -1;
                    int n = (int) Math.min(dst.remaining(), bytes.length - position);
                    dst.put(bytes, (int) position, n);
                    return n;
                }
            };
        }
    }

    /** {@code stored}: the file's dtype string; {@code dtype}: what it is read as. */
    private record Entry(String name, String stored, DType dtype, int[] shape, long numel, long begin, long end) {}

    /** Dtypes read with conversion: PyTorch stores counters (BatchNorm's num_batches_tracked) as I64, and half-precision checkpoints exist. */
    private static final Map<String, Integer> CONVERTED = Map.of("I64", 8, "I32", 4, "F16", 2, "BF16", 2);

    /** IEEE 754 binary16 → float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf / NaN
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Decodes the header as UTF-8, rejecting malformed bytes (the format requires valid UTF-8; no U+FFFD substitution). */
    private static String strictUtf8(byte[] bytes, String src) throws SafeTensorsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsFormatException(src + ": header is not valid UTF-8 (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, String> parseHeader(byte[] headerBytes, String src, long dataLen, List<Entry> out)
            throws SafeTensorsFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(strictUtf8(headerBytes, src));
        } catch (JsonProcessingException e) {
            throw new SafeTensorsFormatException(src + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject())
            throw new SafeTensorsFormatException(src + ": header must be a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals(METADATA)) {
                if (!v.isObject()) throw new SafeTensorsFormatException(src + ": __metadata__ must be an object of strings, got " + v.getNodeType());
                Iterator<Map.Entry<String, JsonNode>> m = v.fields();
                while (m.hasNext()) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual())
                        throw new SafeTensorsFormatException(src + ": __metadata__ value of '" + kv.getKey() + "' must be a string, got " + kv.getValue().getNodeType());
                    metadata.put(kv.getKey(), kv.getValue().textValue());
                }
                continue;
            }
            out.add(parseEntry(name, v, src, dataLen));
        }
        return metadata;
    }

    private static Entry parseEntry(String name, JsonNode v, String src, long dataLen) throws SafeTensorsFormatException {
        String where = src + ": tensor '" + name + "'";
        if (!v.isObject()) throw new SafeTensorsFormatException(where + ": entry must be an object with dtype, shape, data_offsets; got " + v.getNodeType());
        JsonNode dt = v.get("dtype"), sh = v.get("shape"), off = v.get("data_offsets");
        if (dt == null || !dt.isTextual()) throw new SafeTensorsFormatException(where + ": missing or non-string \"dtype\"");
        if (sh == null || !sh.isArray()) throw new SafeTensorsFormatException(where + ": missing or non-array \"shape\"");
        if (off == null || !off.isArray() || off.size() != 2)
            throw new SafeTensorsFormatException(where + ": \"data_offsets\" must be an array [begin, end]");
        DType dtype;
        int byteSize;
        String dts = dt.textValue();
        if (KNOWN_UNSUPPORTED.contains(dts))
            throw new SafeTensorsFormatException(where + ": dtype " + dts + " is not supported by cnn4j (it reads F32, F64, and converts I64, I32, F16, BF16); convert the checkpoint to float32 first");
        if (CONVERTED.containsKey(dts)) {
            byteSize = CONVERTED.get(dts);
            dtype = dts.startsWith("I") ? DType.FLOAT64 : DType.FLOAT32;
        } else {
            try {
                dtype = DType.fromSafetensors(dts);
            } catch (IllegalArgumentException e) {
                throw new SafeTensorsFormatException(where + ": unknown dtype '" + dts + "' (cnn4j reads F32, F64, I64, I32, F16, BF16)");
            }
            byteSize = dtype.byteSize();
        }
        int[] shape = new int[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.longValue() < 0 || d.longValue() > Integer.MAX_VALUE)
                throw new SafeTensorsFormatException(where + ": shape " + sh + " has an invalid dimension " + d + " (must be an integer >= 0)");
            shape[i] = (int) d.longValue();
        }
        long numel, expected;
        try {
            numel = Shapes.numel(shape);
            expected = Math.multiplyExact(numel, (long) byteSize);
        } catch (ArithmeticException e) {
            throw new SafeTensorsFormatException(where + ": shape " + sh + " has more elements than a long can count (corrupt shape)");
        }
        long[] be = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = off.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0)
                throw new SafeTensorsFormatException(where + ": data_offsets " + off + " must be two integers >= 0");
            be[i] = o.longValue();
        }
        if (be[0] > be[1]) throw new SafeTensorsFormatException(where + ": data_offsets " + off + " has begin > end");
        if (be[1] > dataLen)
            throw new SafeTensorsFormatException(where + ": data_offsets " + off + " out of range: the data block has only " + dataLen + " bytes (truncated file?)");
        if (be[1] - be[0] != expected)
            throw new SafeTensorsFormatException(where + ": data_offsets " + off + " span " + (be[1] - be[0]) + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dts + " needs " + expected);
        if (numel > Integer.MAX_VALUE - 8)
            throw new SafeTensorsFormatException(where + ": " + numel + " elements is more than a Java array can hold");
        return new Entry(name, dts, dtype, shape, numel, be[0], be[1]);
    }

    /** The tensors must cover [0, dataLen) exactly, without overlap or gaps. */
    private static void checkTiling(List<Entry> entries, long dataLen, String src) throws SafeTensorsFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long pos = 0;
        Entry prev = null;
        for (Entry e : sorted) {
            if (e.begin < pos)
                throw new SafeTensorsFormatException(src + ": tensor '" + e.name + "' bytes [" + e.begin + ", " + e.end
                        + ") overlap tensor '" + prev.name + "' bytes [" + prev.begin + ", " + prev.end + ")");
            if (e.begin > pos)
                throw new SafeTensorsFormatException(src + ": gap in the data block: bytes [" + pos + ", " + e.begin
                        + ") before tensor '" + e.name + "' belong to no tensor");
            pos = e.end;
            prev = e;
        }
        if (pos != dataLen)
            throw new SafeTensorsFormatException(src + ": the tensors cover " + pos + " bytes but the data block has " + dataLen
                    + " (trailing bytes after " + (prev == null ? "the header" : "tensor '" + prev.name + "'") + ")");
    }

    private static ByteBuffer readFully(ByteSource in, long position, int length, String src) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = in.read(b, position + b.position());
            if (n < 0) throw new SafeTensorsFormatException(src + ": unexpected end of file at byte " + (position + b.position()));
        }
        b.flip();
        return b;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes {@code tensors} (in map order) with {@code metadata} as {@code __metadata__} (omitted when empty),
     * atomically replacing {@code file}. Names must be non-empty and must not be {@code __metadata__}.
     */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] bytes = encode(tensors, metadata);
        AtomicFiles.write(file, bytes);
    }

    /** The complete file contents for {@code tensors} and {@code metadata} (header padded with spaces to a multiple of 8). */
    public static byte[] encode(Map<String, HostTensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode md = header.putObject(METADATA);
            metadata.forEach(md::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA))
                throw new IllegalArgumentException("SafeTensors.write: invalid tensor name '" + name + "'");
            HostTensor t = e.getValue();
            long n = (long) t.numel() * t.dtype().byteSize();
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", t.dtype().safetensorsName());
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            entry.putArray("data_offsets").add(offset).add(offset + n);
            offset += n;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("SafeTensors.write: " + total + " bytes is too large for one buffer");
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded);
        b.put(json);
        for (int i = json.length; i < padded; i++) b.put((byte) ' ');
        for (HostTensor t : tensors.values()) {
            double[] d = t.data();
            if (t.dtype() == DType.FLOAT32) for (double v : d) b.putFloat((float) v);
            else for (double v : d) b.putDouble(v);
        }
        return b.array();
    }
}
