package dev.shop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local-mode console OTP provider's log, {@code data/dev-otp.log}: one line per code sent, {@code <E.164 phone>
 * <code> <purpose> <timestamp>}, appended in sending order.
 */
public final class OtpLog {

    private OtpLog() {
    }

    /** One code that was sent. */
    public record Entry(String phone, String code, String purpose, String timestamp) {
    }

    /** The code sent last to that phone (the last matching line of the file), if any. */
    public static Optional<Entry> latestFor(Path file, String phone) {
        String wanted = normalisePhone(phone);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] fields = lines.get(i).trim().split("\\s+", 4);
            if (fields.length >= 2 && fields[0].equals(wanted)) {
                return Optional.of(new Entry(fields[0], fields[1], fields.length > 2 ? fields[2] : "",
                        fields.length > 3 ? fields[3] : ""));
            }
        }
        return Optional.empty();
    }

    /**
     * Makes what people type comparable with the E.164 numbers in the log: separators are dropped, a bare 10-digit
     * number is taken as Indian (the local default), other numbers without {@code +} just get one. The services do the
     * real validation; this only has to find lines.
     */
    public static String normalisePhone(String phone) {
        String compact = phone.replaceAll("[\\s\\-()]", "");
        if (compact.startsWith("+") || !compact.matches("\\d+")) {
            return compact;
        }
        return compact.length() == 10 ? "+91" + compact : "+" + compact;
    }
}
