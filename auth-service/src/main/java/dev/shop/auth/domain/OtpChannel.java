package dev.shop.auth.domain;

import java.util.Locale;

/** How a code reaches the user. */
public enum OtpChannel {
    SMS,
    VOICE;

    /** @return the channel for {@code sms} / {@code voice}; {@code null} means SMS */
    public static OtpChannel of(String value) {
        return value == null ? SMS : valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
