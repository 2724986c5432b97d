package dev.shop.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local-mode console SMS provider's log of messages to customers, {@code data/dev-sms.log}: one line per message,
 * {@code <E.164 phone> <timestamp> <message id> <text>}, appended in sending order.
 */
public final class SmsLog {

    private SmsLog() {
    }

    /** The last {@code limit} messages, to {@code phone} only when one is given (typed as for {@code otp}). */
    public static List<String> last(Path file, String phone, int limit) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        String wanted = phone == null ? null : OtpLog.normalisePhone(phone);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> matching = lines.stream().filter(l -> !l.isBlank())
                .filter(l -> wanted == null || l.startsWith(wanted + " ")).toList();
        return matching.subList(Math.max(0, matching.size() - limit), matching.size());
    }

    /** {@code ./shop sms [phone]}: the exit status. */
    static int command(StackHome home, List<String> options, PrintStream out, PrintStream err) {
        String phone = options.isEmpty() ? null : String.join("", options);
        List<String> messages = last(home.smsLog(), phone, phone == null ? 20 : 50);
        if (messages.isEmpty()) {
            err.println("shop: no SMS sent" + (phone == null ? "" : " to " + OtpLog.normalisePhone(phone))
                    + " (looked in " + home.smsLog() + ")");
            return 1;
        }
        messages.forEach(out::println);
        return 0;
    }
}
