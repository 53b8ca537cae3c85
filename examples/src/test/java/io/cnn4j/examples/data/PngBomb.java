package io.cnn4j.examples.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** A tiny PNG whose header declares a huge size: the pixel data is one compressed row, so decoding it would allocate gigabytes. */
public final class PngBomb {
    private PngBomb() {}

    /** A valid PNG signature and IHDR declaring {@code width × height} 8-bit RGB, a short IDAT and IEND. */
    public static byte[] declaring(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[]{8, 2, 0, 0, 0});
        chunk(d, "IHDR", ihdr.toByteArray());
        Deflater z = new Deflater();
        z.setInput(new byte[1 + 3 * Math.min(width, 4096)]);
        z.finish();
        byte[] buf = new byte[1 << 16];
        int n = z.deflate(buf);
        byte[] idat = new byte[n];
        System.arraycopy(buf, 0, idat, 0, n);
        chunk(d, "IDAT", idat);
        chunk(d, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
