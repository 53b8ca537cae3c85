package io.cnn4j.tck;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, reproducible mutants of a valid safetensors file, for fuzzing every reader of checkpoints: mutant
 * {@code i} of a given seed is always the same bytes, so a failure is replayed by its index alone.
 *
 * <p>The {@link Kind kinds} cover what corrupt or hostile files do: truncation, bit flips, wrong header lengths,
 * duplicate keys, overlapping and out-of-range offsets, dtype and shape mismatches, shapes whose element count
 * overflows, invalid UTF-8 in the header, and NaN/Inf data (a well-formed file that a careful caller must still
 * refuse to evaluate). Mutant {@code i} has kind {@code Kind.values()[i % Kind.values().length]}.
 *
 * <pre>{@code
 * CheckpointMutants m = new CheckpointMutants(Files.readAllBytes(good), 20240611L);
 * for (int i = 0; i < 3000; i++) {
 *     CheckpointMutants.Mutant x = m.mutant(i);
 *     // read x.bytes(); expect a documented exception or a well-formed result; report x.describe() on failure
 * }
 * }</pre>
 */
public final class CheckpointMutants {

    /** How a mutant was made from the valid file. */
    public enum Kind {
        TRUNCATE, BIT_FLIP, HEADER_LENGTH, DUPLICATE_KEY, OVERLAPPING_OFFSETS, OUT_OF_RANGE_OFFSETS, DTYPE_MISMATCH,
        SHAPE_MISMATCH, OVERFLOWING_SHAPE, BAD_UTF8, NAN_INF_DATA, HEADER_EDIT
    }

    /** One mutant: its index, kind and bytes. */
    public record Mutant(int index, Kind kind, byte[] bytes) {
        /** {@code "mutant 17 (DUPLICATE_KEY, 412 bytes)"}, for failure messages. */
        public String describe() { return "mutant " + index + " (" + kind + ", " + bytes.length + " bytes)"; }
    }

    private final byte[] original;
    private final long seed;
    private final String header;
    private final int dataStart;

    /** {@code validFile}: a well-formed safetensors file (its header is parsed by position, not validated here). */
    public CheckpointMutants(byte[] validFile, long seed) {
        this.original = validFile.clone();
        this.seed = seed;
        long headerLen = ByteBuffer.wrap(original, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLen < 2 || headerLen > original.length - 8) throw new IllegalArgumentException("CheckpointMutants: not a valid safetensors file");
        this.header = new String(original, 8, (int) headerLen, StandardCharsets.UTF_8);
        this.dataStart = 8 + (int) headerLen;
    }

    /** Mutant {@code index} (any index ≥ 0; the same index always gives the same bytes). */
    public Mutant mutant(int index) {
        Kind kind = Kind.values()[index % Kind.values().length];
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        return new Mutant(index, kind, make(kind, r));
    }

    private byte[] make(Kind kind, SplittableRandom r) {
        switch (kind) {
            case TRUNCATE:
                return Arrays.copyOf(original, r.nextInt(original.length));
            case BIT_FLIP: {
                byte[] b = original.clone();
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case HEADER_LENGTH: {
                byte[] b = original.clone();
                long[] choices = {0, 1, 7, dataStart - 8 - 1 - r.nextInt(4), dataStart - 8 + 1 + r.nextInt(4), original.length,
                        Long.MAX_VALUE, -1, 1L << 40, r.nextLong()};
                ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(choices[r.nextInt(choices.length)]);
                return b;
            }
            case DUPLICATE_KEY: {
                int open = header.indexOf('{', 1), close = matchingBrace(open);
                int keyStart = header.lastIndexOf('"', header.lastIndexOf('"', open) - 1);
                String entry = header.substring(keyStart, close + 1);
                return withHeader(header.substring(0, close + 1) + "," + entry + header.substring(close + 1));
            }
            case OVERLAPPING_OFFSETS:
                return withHeader(replaceNth(header, "\"data_offsets\":[", r, s -> "\"data_offsets\":[0," + (4 + 4 * r.nextInt(4)) + "],\"x\":["));
            case OUT_OF_RANGE_OFFSETS: {
                long end = original.length - dataStart + 1 + r.nextInt(1 << 20);
                long[] ends = {end, Long.MAX_VALUE, 1L << 62, -4};
                return withHeader(replaceNth(header, "\"data_offsets\":[", r, s -> "\"data_offsets\":[" + r.nextInt(16) + "," + ends[r.nextInt(ends.length)] + "],\"x\":["));
            }
            case DTYPE_MISMATCH: {
                String[] dtypes = {"F64", "F16", "BF16", "I64", "I32", "BOOL", "U8", "F8_E4M3", "X", "", "f32"};
                return withHeader(header.replaceFirst("\"dtype\":\"[A-Z0-9_]*\"", "\"dtype\":\"" + dtypes[r.nextInt(dtypes.length)] + "\""));
            }
            case SHAPE_MISMATCH:
                return withHeader(replaceNth(header, "\"shape\":[", r, s -> "\"shape\":[" + r.nextInt(9) + ","));
            case OVERFLOWING_SHAPE: {
                String[] shapes = {"[20,1718039348,2147418113]", "[2147483647,2147483647,2147483647]", "[65536,65536,65536,65536]",
                        "[4294967296]", "[-1]", "[1e3]", "[\"4\"]", "[0,2147483647,2147483647,2147483647]"};
                return withHeader(header.replaceFirst("\"shape\":\\[[^\\]]*\\]", "\"shape\":" + shapes[r.nextInt(shapes.length)]));
            }
            case BAD_UTF8: {
                byte[] h = header.getBytes(StandardCharsets.UTF_8);
                byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
                byte[] ins = bad[r.nextInt(bad.length)];
                int quote = nthIndexOf(h, (byte) '"', r.nextInt(Math.max(1, count(h, (byte) '"'))));
                byte[] out = new byte[h.length + ins.length];
                System.arraycopy(h, 0, out, 0, quote + 1);
                System.arraycopy(ins, 0, out, quote + 1, ins.length);
                System.arraycopy(h, quote + 1, out, quote + 1 + ins.length, h.length - quote - 1);
                return withHeaderBytes(out);
            }
            case NAN_INF_DATA: {
                byte[] b = original.clone();
                int floats = (b.length - dataStart) / 4;
                if (floats == 0) return b;
                float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) bb.putFloat(dataStart + 4 * r.nextInt(floats), specials[r.nextInt(specials.length)]);
                return b;
            }
            case HEADER_EDIT: {
                StringBuilder h = new StringBuilder(header.stripTrailing());
                int edits = 1 + r.nextInt(3);
                String tokens = "{}[],:\"0-9e.a ";
                for (int i = 0; i < edits && h.length() > 0; i++) {
                    int at = r.nextInt(h.length());
                    switch (r.nextInt(3)) {
                        case 0 -> h.deleteCharAt(at);
                        case 1 -> h.insert(at, tokens.charAt(r.nextInt(tokens.length())));
                        default -> h.setCharAt(at, tokens.charAt(r.nextInt(tokens.length())));
                    }
                }
                return withHeader(h.toString());
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private byte[] withHeader(String h) { return withHeaderBytes(h.getBytes(StandardCharsets.UTF_8)); }

    /** The original data block behind a new header (and its length). */
    private byte[] withHeaderBytes(byte[] h) {
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + original.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(original, dataStart, original.length - dataStart);
        return b.array();
    }

    private int matchingBrace(int open) {
        int depth = 0;
        for (int i = open; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        throw new IllegalArgumentException("CheckpointMutants: unbalanced header");
    }

    /** Replaces a randomly chosen occurrence of {@code token} with {@code replacement.apply(token)}. */
    private static String replaceNth(String s, String token, SplittableRandom r, java.util.function.UnaryOperator<String> replacement) {
        List<Integer> at = new ArrayList<>();
        for (int i = s.indexOf(token); i >= 0; i = s.indexOf(token, i + 1)) at.add(i);
        if (at.isEmpty()) return s;
        int i = at.get(r.nextInt(at.size()));
        return s.substring(0, i) + replacement.apply(token) + s.substring(i + token.length());
    }

    private static int count(byte[] b, byte v) {
        int n = 0;
        for (byte x : b) if (x == v) n++;
        return n;
    }

    private static int nthIndexOf(byte[] b, byte v, int n) {
        for (int i = 0; i < b.length; i++) if (b[i] == v && n-- == 0) return i;
        return 0;
    }
}
