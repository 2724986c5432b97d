package dev.shop.catalog.domain;

import java.util.Optional;

/**
 * The image formats the catalogue accepts, recognised from the bytes themselves (never from the file name or the
 * declared content type, which the client controls). Besides the signature, the first header structure must be there:
 * PNG's IHDR chunk, a JPEG marker segment, WebP's RIFF container with a VP8/VP8L/VP8X chunk.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    /** Bytes needed to recognise every format. */
    public static final int HEADER_LENGTH = 16;

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /**
     * @param header the first bytes of the file (at least {@value #HEADER_LENGTH} when the file is that long)
     * @param length the whole file's length
     */
    public static Optional<ImageFormat> sniff(byte[] header, long length) {
        if (header == null || header.length < 12) {
            return Optional.empty();
        }
        if (isPng(header)) {
            return Optional.of(PNG);
        }
        if (isJpeg(header)) {
            return Optional.of(JPEG);
        }
        if (isWebp(header, length)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean isPng(byte[] h) {
        int[] signature = { 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
        if (h.length < 16 || !startsWith(h, signature)) {
            return false;
        }
        return h[12] == 'I' && h[13] == 'H' && h[14] == 'D' && h[15] == 'R';
    }

    private static boolean isJpeg(byte[] h) {
        // SOI followed by the first marker: APPn (E0-EF), DQT (DB), SOF0-2 (C0-C2), DHT (C4) or COM (FE).
        if ((h[0] & 0xFF) != 0xFF || (h[1] & 0xFF) != 0xD8 || (h[2] & 0xFF) != 0xFF) {
            return false;
        }
        int marker = h[3] & 0xFF;
        return marker >= 0xE0 && marker <= 0xEF || marker == 0xDB || marker == 0xC0 || marker == 0xC1
                || marker == 0xC2 || marker == 0xC4 || marker == 0xFE;
    }

    private static boolean isWebp(byte[] h, long length) {
        if (h.length < 16 || h[0] != 'R' || h[1] != 'I' || h[2] != 'F' || h[3] != 'F' || h[8] != 'W' || h[9] != 'E'
                || h[10] != 'B' || h[11] != 'P') {
            return false;
        }
        long riffSize = (h[4] & 0xFFL) | (h[5] & 0xFFL) << 8 | (h[6] & 0xFFL) << 16 | (h[7] & 0xFFL) << 24;
        boolean chunk = h[12] == 'V' && h[13] == 'P' && h[14] == '8' && (h[15] == ' ' || h[15] == 'L' || h[15] == 'X');
        return chunk && riffSize + 8 <= length + 1 && riffSize >= 4;
    }

    private static boolean startsWith(byte[] h, int[] signature) {
        for (int i = 0; i < signature.length; i++) {
            if ((h[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
