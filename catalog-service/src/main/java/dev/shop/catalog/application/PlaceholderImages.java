package dev.shop.catalog.application;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Draws the 400×300 PNG product pictures of the demo catalogue: a colour derived from the text, the part name and the
 * vehicle. Same text, same bytes. Needs no display ({@code java.awt.headless}); without usable fonts the picture has
 * no text rather than failing.
 */
public final class PlaceholderImages {

    public static final int WIDTH = 400;
    public static final int HEIGHT = 300;

    private PlaceholderImages() {
    }

    public static byte[] png(String title, String subtitle) {
        System.setProperty("java.awt.headless", "true");
        int hash = (title + subtitle).hashCode();
        Color base = Color.getHSBColor((hash & 0xFFFF) / 65535f, 0.55f, 0.55f);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, base.brighter(), WIDTH, HEIGHT, base.darker()));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(255, 255, 255, 40));
            g.fillOval(WIDTH - 190, -60, 260, 260);
            drawText(g, title, subtitle);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawText(Graphics2D g, String title, String subtitle) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 24));
            int y = 140;
            for (String line : wrap(title, 26)) {
                g.drawString(line, 24, y);
                y += 30;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
            g.drawString(subtitle, 24, y + 8);
        } catch (RuntimeException | InternalError | LinkageError e) {
            // No fonts on this machine: the picture stays without text.
        }
    }

    private static java.util.List<String> wrap(String text, int width) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
