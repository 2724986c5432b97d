package dev.shop.order.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;

/**
 * Human-readable order numbers such as {@code SO-2026-7K3F9Q}: the year, then six random characters of Crockford's
 * base 32 (no I, L, O or U, so nothing reads as another character or a word). About a billion numbers a year; the
 * store's unique index catches the rare collision and a new number is drawn. Random rather than counted: no counter
 * document to contend on, nothing to learn about sales volumes from a number.
 */
public final class OrderNumbers {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int RANDOM_CHARACTERS = 6;

    private OrderNumbers() {
    }

    public static String next(Instant placedAt, RandomGenerator random) {
        StringBuilder number = new StringBuilder("SO-").append(placedAt.atZone(ZoneOffset.UTC).getYear()).append('-');
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            number.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return number.toString();
    }

    /** Whether {@code value} looks like an order number (for search input). */
    public static boolean looksLikeNumber(String value) {
        return value != null && value.matches("SO-[0-9]{4}-[" + ALPHABET + "]{" + RANDOM_CHARACTERS + "}");
    }
}
