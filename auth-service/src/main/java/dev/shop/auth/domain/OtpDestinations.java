package dev.shop.auth.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PhoneNumber;

/**
 * Which numbers may be sent a one-time code: numbers of the allowed regions only, and only mobile numbers (plus fixed
 * lines for a voice call). Premium-rate, shared-cost, toll-free, UAN, pager and other numbers are refused, so nobody
 * can make the shop pay for messages to expensive destinations (SMS pumping). The answer depends on the number alone,
 * never on whether it has an account.
 */
public final class OtpDestinations {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> SMS = EnumSet.of(PhoneNumberType.MOBILE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);
    private static final Set<PhoneNumberType> VOICE = EnumSet.of(PhoneNumberType.MOBILE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.FIXED_LINE);

    private final Set<String> regions;

    /** @param regions ISO 3166-1 alpha-2 codes; must not be empty */
    public OtpDestinations(List<String> regions) {
        this.regions = regions.stream().map(r -> r.strip().toUpperCase(Locale.ROOT)).filter(r -> !r.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (this.regions.isEmpty()) {
            throw new IllegalArgumentException("at least one region must be allowed to receive codes");
        }
    }

    /** @throws ProblemException 400 on {@code field} when no code may be sent to {@code phone} over {@code channel} */
    public void check(String field, PhoneNumber phone, OtpChannel channel) {
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(phone.e164(), null);
        } catch (NumberParseException e) {
            throw ProblemException.invalid(field, "is not a valid phone number");
        }
        String region = UTIL.getRegionCodeForNumber(parsed);
        if (region == null || !regions.contains(region)) {
            throw ProblemException.invalid(field, "codes are only sent to numbers of " + String.join(", ",
                    regions.stream().sorted().toList()));
        }
        Set<PhoneNumberType> allowed = channel == OtpChannel.VOICE ? VOICE : SMS;
        if (!allowed.contains(UTIL.getNumberType(parsed))) {
            throw ProblemException.invalid(field, channel == OtpChannel.VOICE
                    ? "codes are only called to mobile and fixed-line numbers"
                    : "codes are only sent to mobile numbers");
        }
    }

    public Set<String> regions() {
        return regions;
    }
}
