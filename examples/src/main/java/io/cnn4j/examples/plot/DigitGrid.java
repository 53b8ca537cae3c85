package io.cnn4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** A grid of gray digit images, each enlarged and captioned (e.g. "pred 3 / true 5"). */
public final class DigitGrid {
    private DigitGrid() {}

    /** One digit: row-major gray pixels in [0, 1] and its caption. */
    public record Item(float[] pixels, int rows, int cols, String caption) {}

    static final int SCALE = 3;
    static final int CAPTION = 14;
    static final int PAD = 6;

    public static BufferedImage render(List<Item> items, int columns, String title) {
        int cellW = 20 * SCALE + PAD, cellH = 20 * SCALE + CAPTION + PAD;
        if (!items.isEmpty()) {
            cellW = Math.max(items.get(0).cols() * SCALE, 90) + PAD;
            cellH = items.get(0).rows() * SCALE + CAPTION + PAD;
        }
        int rowsOfCells = Math.max(1, (items.size() + columns - 1) / columns);
        BufferedImage img = new BufferedImage(Math.max(columns * cellW, 300), 24 + rowsOfCells * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = TitledCanvas.begin(img, title, 6);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            int x0 = (i % columns) * cellW, y0 = 24 + (i / columns) * cellH;
            for (int r = 0; r < it.rows(); r++)
                for (int c = 0; c < it.cols(); c++) {
                    int v = (int) Math.round(255 * Math.min(1, Math.max(0, it.pixels()[r * it.cols() + c])));
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + c * SCALE, y0 + CAPTION + r * SCALE, SCALE, SCALE);
                }
            g.setColor(Color.RED.darker());
            g.drawString(it.caption(), x0, y0 + CAPTION - 3);
        }
        g.dispose();
        return img;
    }
}
