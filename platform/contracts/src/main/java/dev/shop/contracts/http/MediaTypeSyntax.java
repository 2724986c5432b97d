package dev.shop.contracts.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code Content-Type} value strictly (RFC 9110 §8.3.1: {@code type "/" subtype *( OWS ";" OWS parameter )},
 * parameter = {@code token "=" ( token / quoted-string )}), so the gateway and every service refuse the same malformed
 * values with a 400 problem instead of letting a parser deeper down fail in its own way.
 */
public final class MediaTypeSyntax {

    private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

    private MediaTypeSyntax() {
    }

    /**
     * @return {@code type/subtype} in lower case, or empty when {@code value} is not a valid media type
     */
    public static Optional<String> essence(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(";", -1);
        String essence = parts[0].strip();
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || !isToken(essence.substring(0, slash))
                || !isToken(essence.substring(slash + 1))) {
            return Optional.empty();
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty()) {
                continue; // "text/plain;" is sent by real clients; an empty parameter carries nothing
            }
            if (!isParameter(parameter)) {
                return Optional.empty();
            }
        }
        // Quoted strings may hold ';' in principle; we accept none, which no media type this platform reads needs.
        return Optional.of(essence.toLowerCase(Locale.ROOT));
    }

    /** {@code * /*}, {@code application/*}: a range for {@code Accept}, never a body's actual type. */
    public static boolean isWildcard(String essence) {
        return essence.indexOf('*') >= 0;
    }

    /** {@code application/json} and every {@code +json} structured syntax type ({@code merge-patch+json}, ...). */
    public static boolean isJson(String essence) {
        return essence.equals("application/json") || essence.startsWith("application/") && essence.endsWith("+json");
    }

    /** Whether the text holds a character a header value must not carry (C0 controls other than tab, and DEL). */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static boolean isParameter(String parameter) {
        int eq = parameter.indexOf('=');
        if (eq <= 0 || !isToken(parameter.substring(0, eq).strip())) {
            return false;
        }
        String value = parameter.substring(eq + 1).strip();
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return isQuotedContent(value.substring(1, value.length() - 1));
        }
        return isToken(value);
    }

    private static boolean isQuotedContent(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= text.length()) {
                    return false;
                }
            } else if (c == '"' || c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || TOKEN_SPECIALS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
