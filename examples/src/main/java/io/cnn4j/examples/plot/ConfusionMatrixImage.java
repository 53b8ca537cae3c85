package io.cnn4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A confusion matrix as a heat map: row = true class, column = predicted class, cell colour = fraction of the
 * row's samples (white → dark blue), with the count written in each cell.
 */
public final class ConfusionMatrixImage {
    private ConfusionMatrixImage() {}

    static final int CELL = 44;
    static final int MARGIN = 60;

    public static BufferedImage render(int[][] counts, String title) {
        int k = counts.length;
        int size = MARGIN + k * CELL + 10;
        BufferedImage img = new BufferedImage(size, size + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = TitledCanvas.begin(img, title, 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("predicted →", MARGIN, 36);
        g.drawString("true ↓", 4, MARGIN - 4);
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < k; r++) {
            int rowSum = 0;
            for (int c = 0; c < k; c++) rowSum += counts[r][c];
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(r), MARGIN - 16, MARGIN + r * CELL + CELL / 2 + 5);
            g.drawString(Integer.toString(r), MARGIN + r * CELL + CELL / 2 - 3, MARGIN - 6);
            for (int c = 0; c < k; c++) {
                double f = rowSum == 0 ? 0 : counts[r][c] / (double) rowSum;
                Color cell = new Color((int) (255 * (1 - 0.85 * f)), (int) (255 * (1 - 0.7 * f)), 255 - (int) (80 * f));
                int x = MARGIN + c * CELL, y = MARGIN + r * CELL;
                g.setColor(cell);
                g.fillRect(x, y, CELL, CELL);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(x, y, CELL, CELL);
                if (counts[r][c] != 0) {
                    g.setColor(f > 0.5 ? Color.WHITE : Color.BLACK);
                    String s = Integer.toString(counts[r][c]);
                    g.drawString(s, x + (CELL - fm.stringWidth(s)) / 2, y + CELL / 2 + 5);
                }
            }
        }
        g.dispose();
        return img;
    }

    /** The matrix as aligned text, rows = true class, columns = predicted class. */
    public static String text(int[][] counts) {
        StringBuilder sb = new StringBuilder("true\\pred");
        for (int c = 0; c < counts.length; c++) sb.append(String.format("%6d", c));
        sb.append('\n');
        for (int r = 0; r < counts.length; r++) {
            sb.append(String.format("%9d", r));
            for (int c = 0; c < counts.length; c++) sb.append(String.format("%6d", counts[r][c]));
            sb.append('\n');
        }
        return sb.toString();
    }
}
