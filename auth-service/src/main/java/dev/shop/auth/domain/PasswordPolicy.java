package dev.shop.auth.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.shop.kit.problem.ProblemException;

/**
 * Password rules (docs/api.md): 8 to 128 characters and not one of the frequently used passwords shipped with the
 * service ({@code common-passwords.txt}: the 100,000 most common ones of 8+ characters from OWASP SecLists, compared
 * case-insensitively). Length counts Unicode code points.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** @throws ProblemException 400 naming {@code field} when the password is refused; the message never echoes it */
    public static void check(String field, String password) {
        if (password == null || password.isEmpty()) {
            throw ProblemException.invalid(field, "must not be blank");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw ProblemException.invalid(field,
                    "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        if (password.isBlank()) {
            throw ProblemException.invalid(field, "must not be only spaces");
        }
        if (isCommon(password)) {
            throw ProblemException.invalid(field, "is too common; choose a less guessable password");
        }
    }

    public static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    static int listSize() {
        return COMMON.size();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the service");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
