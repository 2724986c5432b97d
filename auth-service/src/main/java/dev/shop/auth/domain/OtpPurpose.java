package dev.shop.auth.domain;

import java.util.Locale;

/** What a one-time code proves; a code sent for one purpose never works for another. */
public enum OtpPurpose {
    REGISTER,
    /**
     * A registration for a phone that already has an account: the message says so, and its code signs in to that
     * account through {@code /auth/register/verify} (proving the phone is all a passwordless login asks for, too).
     */
    ACCOUNT_EXISTS,
    LOGIN,
    RESET;

    /** The lower-case name used in storage keys and the console provider's log ({@code account-exists}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static OtpPurpose ofWireName(String wireName) {
        for (OtpPurpose p : values()) {
            if (p.wireName().equals(wireName)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no OTP purpose " + wireName);
    }
}
