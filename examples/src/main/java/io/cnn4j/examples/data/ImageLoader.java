package io.cnn4j.examples.data;

import io.cnn4j.examples.cli.CliException;

import io.cnn4j.tensor.Shapes;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Reads images (PNG, and whatever else ImageIO reads: JPEG, BMP, GIF) into {@link RgbImage}s with values in [0, 1].
 *
 * <p>Sample values are taken from the raster, not through {@code getRGB}, so gray images are not gamma-mapped by
 * Java's linear gray colour space: a gray value g becomes (g, g, g). Gray+alpha and RGBA drop the alpha channel;
 * 16-bit images are scaled by 65535; palette images go through their colour table.
 */
public final class ImageLoader {
    private ImageLoader() {}

    /**
     * Default limit on the pixels an image may declare (width × height): 40 megapixels, about 0.5 GB as planar
     * floats. The size is read from the file header before anything is decoded, so a small file declaring a huge
     * size (an "image bomb") is rejected without allocating it.
     */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /** Loads a file with the {@link #DEFAULT_MAX_PIXELS default pixel limit}. */
    public static RgbImage load(Path file) { return load(file, DEFAULT_MAX_PIXELS); }

    /**
     * Loads a file whose declared size is at most {@code maxPixels}; a missing, unreadable, truncated, oversized or
     * non-image file throws {@link CliException}.
     */
    public static RgbImage load(Path file, long maxPixels) {
        if (!Files.isRegularFile(file)) throw new CliException("image " + file + " does not exist or is not a file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString(), file.toString(), maxPixels);
        } catch (IOException e) {
            throw new CliException("cannot read image " + file + ": " + e.getMessage());
        }
    }

    /**
     * Decodes a stream; {@code where} names the source in error messages. The declared width and height are checked
     * against {@code maxPixels} before the pixels are decoded.
     */
    public static RgbImage read(InputStream in, String name, String where, long maxPixels) throws IOException {
        BufferedImage img;
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = iis == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) throw new CliException("cannot decode image " + where + ": not a format ImageIO reads (use PNG or JPEG)");
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0), h = reader.getHeight(0);
                if (w < 1 || h < 1) throw new CliException("image " + where + " declares an empty size " + w + "x" + h + "; it is corrupt");
                if (w * h > maxPixels)
                    throw new CliException("image " + where + " declares " + w + "x" + h + " = " + w * h + " pixels, more than the limit of "
                            + maxPixels + "; downscale it, or raise the limit with " + MAX_PIXELS_OPTION + " if the memory allows");
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (CliException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot decode image " + where + " (" + oneLine(e) + "); is it a valid, complete PNG/JPEG file?");
        }
        return fromBufferedImage(img, name);
    }

    /** The command-line option that sets the pixel limit (named in error messages). */
    public static final String MAX_PIXELS_OPTION = "--max-image-pixels";

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    /** Converts any BufferedImage to planar RGB floats in [0, 1]. */
    public static RgbImage fromBufferedImage(BufferedImage img, String name) {
        int h = img.getHeight(), w = img.getWidth();
        float[] out = new float[Shapes.numelInt("image " + name, RgbImage.CHANNELS, h, w)];
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
