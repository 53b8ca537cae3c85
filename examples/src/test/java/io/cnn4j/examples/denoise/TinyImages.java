package io.cnn4j.examples.denoise;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Small smooth synthetic photos for fast end-to-end tests. */
final class TinyImages {
    private TinyImages() {}

    static void write(Path file, int w, int h, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double a = r.nextDouble() * 0.2, b = r.nextDouble() * 0.2, c = r.nextDouble();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int R = (int) (127 + 100 * Math.sin(a * x + c)), G = (int) (127 + 100 * Math.cos(b * y)), B = (x / 8 + y / 8) % 2 == 0 ? 60 : 190;
                img.setRGB(x, y, (R << 16) | (G << 8) | B);
            }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** dir/train with two 40x36 images, dir/val with one 42x34 image (one 32x32 tile). */
    static void dataset(Path dir) throws IOException {
        write(dir.resolve("train/a.png"), 40, 36, 1);
        write(dir.resolve("train/b.png"), 40, 36, 2);
        write(dir.resolve("val/c.png"), 42, 34, 3);
    }
}
