package io.cnn4j.spark;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small smooth synthetic photos for fast end-to-end CLI runs: dir/train (two 40x36), dir/val (one 36x36). */
final class TinyPhotos {
    private TinyPhotos() {}

    static void dataset(Path dir) throws IOException {
        write(dir.resolve("train/a.png"), 40, 36, 0.11, 0.07);
        write(dir.resolve("train/b.png"), 40, 36, 0.05, 0.13);
        write(dir.resolve("val/c.png"), 36, 36, 0.09, 0.03);
    }

    private static void write(Path file, int w, int h, double a, double b) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int r = (int) (127 + 100 * Math.sin(a * x)), g = (int) (127 + 100 * Math.cos(b * y)), bl = (x / 8 + y / 8) % 2 == 0 ? 60 : 190;
                img.setRGB(x, y, (r << 16) | (g << 8) | bl);
            }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
