package io.cnn4j.examples.data;

import io.cnn4j.examples.cli.CliException;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads IDX files (the MNIST format) holding unsigned bytes: a big-endian int32 magic {@code 0x000008DD}
 * (0x08 = unsigned byte, DD = number of dimensions), DD big-endian int32 dimensions, then the row-major data.
 * Everything is validated: magic, dimensions ≥ 1, total size against the actual byte count (no trailing or
 * missing bytes), so a truncated or wrong file fails with a clear message instead of garbage.
 */
public final class IdxReader {
    private IdxReader() {}

    /** A parsed IDX array: its dimensions and raw unsigned bytes. */
    public record IdxArray(int[] dims, byte[] data) {
        public int unsigned(int i) { return data[i] & 0xFF; }
    }

    /** The maximum element count accepted (guards against huge allocations from a corrupt header). */
    static final long MAX_ELEMENTS = 1L << 30;

    /**
     * Reads an IDX array with exactly {@code expectedRank} dimensions from {@code in}; {@code where} names the
     * source in error messages. Throws {@link CliException} on any inconsistency.
     */
    public static IdxArray read(InputStream in, int expectedRank, String where) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length < 4) throw new CliException(where + ": not an IDX file (only " + all.length + " bytes)");
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(all));
        int magic = d.readInt();
        if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != 0x08)
            throw new CliException(where + ": not an unsigned-byte IDX file (magic 0x" + String.format("%08X", magic)
                    + ", expected 0x000008" + String.format("%02X", expectedRank) + ")");
        int rank = magic & 0xFF;
        if (rank != expectedRank)
            throw new CliException(where + ": IDX file has " + rank + " dimensions, expected " + expectedRank
                    + (expectedRank == 3 ? " (images: count, rows, cols)" : " (labels: count)"));
        if (all.length < 4 + 4L * rank) throw new CliException(where + ": IDX header truncated");
        int[] dims = new int[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = d.readInt();
            if (dims[i] < 1) throw new CliException(where + ": IDX dimension " + i + " is " + dims[i] + ", must be >= 1");
            n *= dims[i];
            if (n > MAX_ELEMENTS) throw new CliException(where + ": IDX header claims more than " + MAX_ELEMENTS + " elements; file is corrupt");
        }
        long expectedBytes = 4 + 4L * rank + n;
        if (all.length != expectedBytes)
            throw new CliException(where + ": IDX header " + Arrays.toString(dims) + " needs " + expectedBytes + " bytes, file has "
                    + all.length + (all.length < expectedBytes ? " (truncated)" : " (trailing bytes)"));
        byte[] data = Arrays.copyOfRange(all, 4 + 4 * rank, all.length);
        return new IdxArray(dims, data);
    }
}
