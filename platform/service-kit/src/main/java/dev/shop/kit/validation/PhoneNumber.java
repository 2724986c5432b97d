package dev.shop.kit.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import dev.shop.kit.problem.ProblemException;

/**
 * A phone number normalised to E.164 ({@code +919812345678}). Input may carry spaces, dashes or a national prefix; a
 * number without a country code is read in the configured default region. Anything libphonenumber does not consider a
 * valid number is refused, so the same phone can never be stored twice under two spellings.
 */
public record PhoneNumber(String e164) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_INPUT = 32;

    public PhoneNumber {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("not an E.164 number");
        }
    }

    /**
     * @param field the request field, named in the 400 answer
     * @throws ProblemException 400 when the input is not a valid phone number
     */
    public static PhoneNumber parse(String field, String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalid(field, "must not be blank");
        }
        if (raw.length() > MAX_INPUT) {
            throw ProblemException.invalid(field, "is not a valid phone number");
        }
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(raw.trim(), defaultRegion);
            if (!UTIL.isValidNumber(parsed)) {
                throw ProblemException.invalid(field, "is not a valid phone number");
            }
            return new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            throw ProblemException.invalid(field, "is not a valid phone number");
        }
    }

    /**
     * The block of numbers this one belongs to: the E.164 form with the last {@code wildcardDigits} digits replaced by
     * {@code x} ({@code +91987654xxx}), for budgets shared by a number range.
     */
    public String block(int wildcardDigits) {
        int keep = Math.max(4, e164.length() - Math.max(0, wildcardDigits));
        return e164.substring(0, keep) + "x".repeat(e164.length() - keep);
    }

    /** The number shown in logs: country code and last two digits only. */
    public String masked() {
        return e164.substring(0, Math.min(3, e164.length())) + "*******" + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        return e164;
    }
}
