package io.cnn4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The look the demo figures share: white background, antialiased text, a bold title in the top-left corner. */
final class TitledCanvas {
    private TitledCanvas() {}

    /** Clears {@code img} to white, draws {@code title} at x = {@code titleX}, and returns the pen (black). */
    static Graphics2D begin(BufferedImage img, String title, int titleX) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, titleX, 16);
        return g;
    }
}
