package io.cnn4j.examples.data;

import io.cnn4j.examples.util.UserInputException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads images (PNG, and whatever else ImageIO reads: JPEG, BMP, GIF) into {@link RgbImage}s with values in [0, 1].
 *
 * <p>Sample values are taken from the raster, not through {@code getRGB}, so gray images are not gamma-mapped by
 * Java's linear gray colour space: a gray value g becomes (g, g, g). Gray+alpha and RGBA drop the alpha channel;
 * 16-bit images are scaled by 65535; palette images go through their colour table.
 */
public final class ImageLoader {
    private ImageLoader() {}

    /** Loads a file; a missing, unreadable or non-image file throws {@link UserInputException}. */
    public static RgbImage load(Path file) {
        if (!Files.isRegularFile(file)) throw new UserInputException("image " + file + " does not exist or is not a file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString(), file.toString());
        } catch (IOException e) {
            throw new UserInputException("cannot read image " + file + ": " + e.getMessage());
        }
    }

    /** Decodes a stream; {@code where} names the source in error messages. */
    public static RgbImage read(InputStream in, String name, String where) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("cannot decode image " + where + " (" + e.getMessage() + "); is it a valid PNG/JPEG file?");
        }
        if (img == null) throw new UserInputException("cannot decode image " + where + ": not a format ImageIO reads (use PNG or JPEG)");
        return fromBufferedImage(img, name);
    }

    /** Converts any BufferedImage to planar RGB floats in [0, 1]. */
    public static RgbImage fromBufferedImage(BufferedImage img, String name) {
        int h = img.getHeight(), w = img.getWidth();
        float[] out = new float[3 * h * w];
        int plane = h * w;
        if (img.getColorModel() instanceof IndexColorModel) {
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    int i = y * w + x;
                    out[i] = ((rgb >> 16) & 0xFF) / 255f;
                    out[plane + i] = ((rgb >> 8) & 0xFF) / 255f;
                    out[2 * plane + i] = (rgb & 0xFF) / 255f;
                }
            return new RgbImage(name, h, w, out);
        }
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        boolean gray = bands <= 2; // gray, or gray + alpha
        for (int c = 0; c < 3; c++) {
            int band = gray ? 0 : c;
            float max = (float) ((1L << r.getSampleModel().getSampleSize(band)) - 1);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) out[c * plane + y * w + x] = r.getSample(x, y, band) / max;
        }
        return new RgbImage(name, h, w, out);
    }
}
