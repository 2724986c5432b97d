package dev.shop.auth.domain;

import java.util.Locale;

/** What a one-time code proves; a code sent for one purpose never works for another. */
public enum OtpPurpose {
    REGISTER,
    LOGIN,
    RESET;

    /** The lower-case name used in storage keys and the console provider's log. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
