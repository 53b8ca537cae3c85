package io.cnn4j.examples.data;

import io.cnn4j.examples.cli.CliException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ImageLoaderTest {
    @TempDir Path dir;

    @Test
    void rgbPngKeepsChannelOrderAndScalesTo01() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        img.setRGB(1, 0, 0x00FF00);
        img.setRGB(2, 1, 0x000033);
        Path f = dir.resolve("rgb.png");
        ImageIO.write(img, "png", f.toFile());
        RgbImage r = ImageLoader.load(f);
        assertEquals(2, r.height());
        assertEquals(3, r.width());
        assertEquals(1f, r.get(0, 0, 0));
        assertEquals(0f, r.get(1, 0, 0));
        assertEquals(1f, r.get(1, 0, 1));
        assertEquals(0x33 / 255f, r.get(2, 1, 2), 1e-7);
    }

    @Test
    void grayPngBecomesThreeEqualChannelsWithoutGammaMapping() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster wr = img.getRaster();
        wr.setSample(0, 0, 0, 100);
        wr.setSample(1, 0, 0, 200);
        Path f = dir.resolve("gray.png");
        ImageIO.write(img, "png", f.toFile());
        RgbImage r = ImageLoader.load(f);
        for (int c = 0; c < 3; c++) {
            assertEquals(100 / 255f, r.get(c, 0, 0), 1e-7);
            assertEquals(200 / 255f, r.get(c, 0, 1), 1e-7);
        }
    }

    @Test
    void rgbaDropsAlphaAndSixteenBitScalesBy65535() throws IOException {
        BufferedImage rgba = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x40102030);
        Path f = dir.resolve("rgba.png");
        ImageIO.write(rgba, "png", f.toFile());
        RgbImage r = ImageLoader.load(f);
        assertEquals(0x10 / 255f, r.get(0, 0, 0), 1e-7);
        assertEquals(0x20 / 255f, r.get(1, 0, 0), 1e-7);
        assertEquals(0x30 / 255f, r.get(2, 0, 0), 1e-7);

        BufferedImage g16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(0, 0, 0, 65535 / 5);
        Path f16 = dir.resolve("g16.png");
        ImageIO.write(g16, "png", f16.toFile());
        assertEquals((65535 / 5) / 65535f, ImageLoader.load(f16).get(1, 0, 0), 1e-7);
    }

    @Test
    void missingOrCorruptFilesGiveUserInputErrors() throws IOException {
        CliException e = assertThrows(CliException.class, () -> ImageLoader.load(dir.resolve("nope.png")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path bad = dir.resolve("bad.png");
        Files.writeString(bad, "not an image");
        e = assertThrows(CliException.class, () -> ImageLoader.load(bad));
        assertTrue(e.getMessage().contains("cannot decode"), e.getMessage());
    }

    @Test
    void bundledSplitsLoadSortedWithExpectedCounts() {
        List<RgbImage> val = ImageSet.bundled("val");
        assertEquals(6, val.size());
        assertEquals("opencv-aerial-city.png", val.get(0).name());
        assertEquals(512, val.get(0).width());
        assertEquals(384, val.get(0).height());
        assertEquals(20, ImageSet.bundled("train").size());
    }
}
