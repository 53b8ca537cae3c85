package io.cnn4j.examples.imaging;

import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Turns {@link RgbImage}s into 8-bit PNGs: single images, labelled side-by-side panels and contact sheets. */
public final class ImageWriter {
    private ImageWriter() {}

    static final int GAP = 4;
    static final int LABEL_HEIGHT = 16;

    /** An 8-bit RGB image; values are clipped to [0, 1] and rounded to the nearest of 256 levels. */
    public static BufferedImage toBufferedImage(RgbImage img) {
        int h = img.height(), w = img.width(), plane = h * w;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] d = img.data();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                out.setRGB(x, y, (level(d[i]) << 16) | (level(d[plane + i]) << 8) | level(d[2 * plane + i]));
            }
        return out;
    }

    static int level(float v) {
        return (int) Math.round(Math.min(1.0, Math.max(0.0, v)) * 255.0);
    }

    /** Writes {@code img} as a PNG, atomically. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available");
        });
    }

    public static void writePng(RgbImage img, Path file) throws IOException { writePng(toBufferedImage(img), file); }

    /** Images of equal height placed left to right with a caption above each, on a white background. */
    public static BufferedImage sideBySide(List<RgbImage> panels, List<String> captions) { return sideBySide(panels, captions, null); }

    /** As {@link #sideBySide(List, List)}, with an optional title line above the captions. */
    public static BufferedImage sideBySide(List<RgbImage> panels, List<String> captions, String titleOrNull) {
        int h = panels.get(0).height();
        int w = -GAP;
        for (RgbImage p : panels) {
            if (p.height() != h) throw new IllegalArgumentException("sideBySide: panels must share a height, got " + p.height() + " and " + h);
            w += p.width() + GAP;
        }
        int top = titleOrNull == null ? LABEL_HEIGHT : 2 * LABEL_HEIGHT;
        BufferedImage out = new BufferedImage(w, h + top, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h + top);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        if (titleOrNull != null) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            g.drawString(titleOrNull, 2, LABEL_HEIGHT - 4);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int x = 0;
        for (int i = 0; i < panels.size(); i++) {
            g.drawString(captions.get(i), x + 2, top - 4);
            g.drawImage(toBufferedImage(panels.get(i)), x, top, null);
            x += panels.get(i).width() + GAP;
        }
        g.dispose();
        return out;
    }

    /** Stacks images top to bottom, left-aligned, on a white background. */
    public static BufferedImage stack(List<BufferedImage> rows) {
        int w = 0, h = -GAP;
        for (BufferedImage r : rows) {
            w = Math.max(w, r.getWidth());
            h += r.getHeight() + GAP;
        }
        BufferedImage out = new BufferedImage(w, Math.max(h, 1), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int y = 0;
        for (BufferedImage r : rows) {
            g.drawImage(r, 0, y, null);
            y += r.getHeight() + GAP;
        }
        g.dispose();
        return out;
    }

    /** The centred {@code size × size} window of {@code img} (or the whole image along a smaller side). */
    public static RgbImage centerCrop(RgbImage img, int size) {
        int h = Math.min(size, img.height()), w = Math.min(size, img.width());
        return img.crop((img.height() - h) / 2, (img.width() - w) / 2, h, w);
    }
}
