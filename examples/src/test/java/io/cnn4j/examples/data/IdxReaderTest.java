package io.cnn4j.examples.data;

import io.cnn4j.examples.cli.CliException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

class IdxReaderTest {
    static byte[] idx(int magic, int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) d.writeInt(x);
        for (int i = 0; i < dataBytes; i++) d.writeByte(i * 7);
        return b.toByteArray();
    }

    @Test
    void readsDimsAndUnsignedBytes() throws IOException {
        IdxReader.IdxArray a = IdxReader.read(new ByteArrayInputStream(idx(0x803, new int[]{2, 3, 4}, 24)), 3, "t");
        assertArrayEquals(new int[]{2, 3, 4}, a.dims());
        assertEquals((23 * 7) & 0xFF, a.unsigned(23));
    }

    @Test
    void rejectsWrongMagicRankTruncationAndTrailingBytes() {
        assertMessage("not an unsigned-byte IDX", () -> IdxReader.read(new ByteArrayInputStream(idx(0x0D03, new int[]{1, 1, 1}, 1)), 3, "t"));
        assertMessage("has 1 dimensions, expected 3", () -> IdxReader.read(new ByteArrayInputStream(idx(0x801, new int[]{4}, 4)), 3, "t"));
        assertMessage("truncated", () -> IdxReader.read(new ByteArrayInputStream(idx(0x803, new int[]{2, 3, 4}, 23)), 3, "t"));
        assertMessage("trailing", () -> IdxReader.read(new ByteArrayInputStream(idx(0x803, new int[]{2, 3, 4}, 25)), 3, "t"));
        assertMessage("must be >= 1", () -> IdxReader.read(new ByteArrayInputStream(idx(0x803, new int[]{0, 3, 4}, 0)), 3, "t"));
        assertMessage("more than", () -> IdxReader.read(new ByteArrayInputStream(idx(0x803, new int[]{1 << 20, 1 << 10, 1 << 10}, 0)), 3, "t"));
    }

    @Test
    void bundledDigitsHaveTheDocumentedSplit() {
        Digits train = Digits.bundled("train"), test = Digits.bundled("test");
        assertEquals(4000, train.count());
        assertEquals(1000, test.count());
        assertEquals(20, train.rows());
        int[] perClass = new int[10];
        for (int l : test.labels()) perClass[l]++;
        for (int c = 0; c < 10; c++) assertEquals(100, perClass[c]);
        float max = 0;
        for (float p : train.pixels()) max = Math.max(max, p);
        assertEquals(1f, max);
    }

    @Test
    void labelCountMismatchIsRejected() throws IOException {
        IdxReader.IdxArray im = IdxReader.read(new ByteArrayInputStream(idx(0x803, new int[]{2, 1, 1}, 2)), 3, "i");
        IdxReader.IdxArray lb = IdxReader.read(new ByteArrayInputStream(idx(0x801, new int[]{3}, 3)), 1, "l");
        assertMessage("2 images but 3 labels", () -> Digits.of(im, lb, "x"));
    }

    interface Call { void run() throws Exception; }

    static void assertMessage(String part, Call c) {
        CliException e = assertThrows(CliException.class, c::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
