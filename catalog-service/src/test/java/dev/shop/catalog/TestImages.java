package dev.shop.catalog;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;

import javax.imageio.ImageIO;

/** Real image bytes for upload tests. */
public final class TestImages {

    /** A 1x1 lossless WebP. */
    private static final String WEBP = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private TestImages() {
    }

    public static byte[] png(int width, int height, Color color) {
        return encode("png", width, height, color);
    }

    public static byte[] jpeg(int width, int height, Color color) {
        return encode("jpg", width, height, color);
    }

    public static byte[] webp() {
        return Base64.getDecoder().decode(WEBP);
    }

    /** A valid PNG padded with trailing bytes up to {@code size} (decoders ignore data after IEND). */
    public static byte[] pngOfSize(int size) {
        byte[] png = png(4, 4, Color.RED);
        return Arrays.copyOf(png, size);
    }

    private static byte[] encode(String format, int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
