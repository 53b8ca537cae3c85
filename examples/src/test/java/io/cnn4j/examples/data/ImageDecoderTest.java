package io.cnn4j.examples.data;

import io.cnn4j.examples.cli.CliException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The image decoder's test set: image bombs, truncated files, 16-bit / palette / alpha / gray PNGs, JPEG, BMP, GIF,
 * and the 1×1 and 2×2 cases. Every file either decodes to the right pixels or fails with a {@link CliException}
 * (one line for the user), never another exception or an out-of-memory error.
 */
class ImageDecoderTest {
    @TempDir Path dir;

    private Path write(String name, BufferedImage img, String format) throws IOException {
        Path f = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, f.toFile()), "writer for " + format);
        return f;
    }

    private static CliException rejected(Path f) {
        return assertThrows(CliException.class, () -> ImageLoader.load(f));
    }

    @Test
    void bombsAreRejectedFromTheirHeaderBeforeDecoding() throws IOException {
        for (int side : new int[]{20000, 27000, Integer.MAX_VALUE}) {
            Path f = Files.write(dir.resolve("bomb-" + side + ".png"), PngBomb.declaring(side, side));
            assertTrue(Files.size(f) < 64 * 1024, "a small file");
            CliException e = rejected(f);
            assertTrue(e.getMessage().contains("declares " + side + "x" + side) && e.getMessage().contains("--max-image-pixels"), e.getMessage());
        }
        Path f = Files.write(dir.resolve("wide.png"), PngBomb.declaring(50_000_000, 1));
        assertTrue(rejected(f).getMessage().contains("50000000x1"));
    }

    @Test
    void theLimitCanBeRaisedAndLowered() throws IOException {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Path f = write("ten.png", img, "png");
        assertEquals(10, ImageLoader.load(f, 100).width());
        CliException e = assertThrows(CliException.class, () -> ImageLoader.load(f, 99));
        assertTrue(e.getMessage().contains("100 pixels, more than the limit of 99"), e.getMessage());
    }

    @Test
    void truncatedFilesAreCleanErrorsForEveryFormat() throws IOException {
        BufferedImage img = gradient(40, 30, BufferedImage.TYPE_INT_RGB);
        int rejected = 0, decoded = 0;
        for (String format : new String[]{"png", "jpg", "bmp", "gif"}) {
            byte[] all = Files.readAllBytes(write("full." + format, img, format));
            for (int cut : new int[]{0, 1, 8, 20, all.length / 3, all.length / 2, all.length - 13}) {
                Path f = Files.write(dir.resolve("cut" + cut + "." + format), Arrays.copyOf(all, Math.max(0, cut)));
                try {
                    RgbImage r = ImageLoader.load(f);
                    // Some decoders fill a truncated tail instead of failing; then the size must still be right.
                    assertEquals(40, r.width(), format + " cut at " + cut);
                    assertEquals(30, r.height(), format + " cut at " + cut);
                    decoded++;
                } catch (CliException e) {
                    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
                    rejected++;
                }
            }
        }
        System.out.printf("truncated images: %d files (PNG, JPEG, BMP, GIF at 7 cut points), %d rejected with one line, "
                + "%d decoded at the right size; crashes 0%n", rejected + decoded, rejected, decoded);
    }

    @Test
    void jpegBmpAndGifDecode() throws IOException {
        BufferedImage img = gradient(17, 9, BufferedImage.TYPE_INT_RGB);
        for (String format : new String[]{"jpg", "bmp", "gif"}) {
            RgbImage r = ImageLoader.load(write("g." + format, img, format));
            assertEquals(17, r.width(), format);
            assertEquals(9, r.height(), format);
        }
        RgbImage bmp = ImageLoader.load(dir.resolve("g.bmp"));
        int rgb = img.getRGB(5, 4);
        assertEquals(((rgb >> 16) & 0xFF) / 255f, bmp.get(0, 4, 5), 1e-7, "BMP is lossless");
        RgbImage jpg = ImageLoader.load(dir.resolve("g.jpg"));
        assertEquals(((rgb >> 8) & 0xFF) / 255f, jpg.get(1, 4, 5), 0.1, "JPEG is close");
    }

    @Test
    void paletteAlphaGrayAndSixteenBitPngs() throws IOException {
        IndexColorModel palette = new IndexColorModel(2, 2, new byte[]{0, (byte) 255}, new byte[]{0, 0}, new byte[]{0, (byte) 128});
        BufferedImage p = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        p.getRaster().setSample(1, 0, 0, 1);
        RgbImage pr = ImageLoader.load(write("palette.png", p, "png"));
        assertEquals(1f, pr.get(0, 0, 1), 1e-7);
        assertEquals(128 / 255f, pr.get(2, 0, 1), 1e-7);
        assertEquals(0f, pr.get(0, 0, 0), 1e-7);

        BufferedImage ga = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        ga.setRGB(0, 0, 0x00FF8040); // fully transparent: the colour is kept, alpha dropped
        RgbImage gr = ImageLoader.load(write("alpha.png", ga, "png"));
        assertEquals(0x80 / 255f, gr.get(1, 0, 0), 1e-7);

        BufferedImage g16 = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(1, 1, 0, 65535);
        RgbImage r16 = ImageLoader.load(write("g16.png", g16, "png"));
        for (int c = 0; c < 3; c++) assertEquals(1f, r16.get(c, 1, 1), 1e-7);
        assertEquals(0f, r16.get(0, 0, 0), 1e-7);
    }

    @Test
    void oneByOneAndTwoByTwoDecode() throws IOException {
        for (int side : new int[]{1, 2}) {
            RgbImage r = ImageLoader.load(write(side + ".png", gradient(side, side, BufferedImage.TYPE_INT_RGB), "png"));
            assertEquals(side, r.width());
            assertEquals(3 * side * side, r.data().length);
        }
    }

    @Test
    void emptyAndNonImageFilesAreCleanErrors() throws IOException {
        assertTrue(rejected(Files.write(dir.resolve("empty.png"), new byte[0])).getMessage().contains("cannot decode"));
        assertTrue(rejected(Files.writeString(dir.resolve("text.png"), "hello")).getMessage().contains("cannot decode"));
    }

    private static BufferedImage gradient(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) img.setRGB(x, y, ((x * 255 / Math.max(1, w - 1)) << 16) | ((y * 255 / Math.max(1, h - 1)) << 8) | 0x40);
        return img;
    }
}
