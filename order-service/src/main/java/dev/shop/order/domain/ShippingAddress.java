package dev.shop.order.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;

/**
 * Where an order goes: a copy taken at placement, from the customer's address book or typed in at checkout. Later
 * edits of the address book do not change it.
 */
public record ShippingAddress(
        String fullName,
        String phoneNumber,
        String line1,
        String line2,
        String landmark,
        String city,
        String state,
        String postalCode,
        String country) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern INDIAN_PIN = Pattern.compile("[1-9][0-9]{5}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /**
     * An address typed in at checkout, checked and normalised: text trimmed, the phone number in E.164, the country an
     * ISO 3166-1 alpha-2 code ({@code defaultRegion} when absent), the postal code a 6-digit PIN in India and
     * plausible elsewhere.
     *
     * @param field the request field the address came in, to name violations (e.g. {@code shippingAddress})
     * @throws ProblemException 400 listing every invalid field
     */
    public ShippingAddress validated(String field, String defaultRegion) {
        List<Problem.Violation> violations = new ArrayList<>();
        String name = text(field, "fullName", fullName, true, 100, violations);
        String l1 = text(field, "line1", line1, true, 200, violations);
        String l2 = text(field, "line2", line2, false, 200, violations);
        String mark = text(field, "landmark", landmark, false, 100, violations);
        String cityValue = text(field, "city", city, true, 100, violations);
        String stateValue = text(field, "state", state, true, 100, violations);
        String countryValue = country == null || country.isBlank() ? defaultRegion
                : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(countryValue)) {
            violations.add(new Problem.Violation(field + ".country", "must be an ISO 3166-1 alpha-2 country code"));
        }
        String postal = text(field, "postalCode", postalCode, true, 10, violations);
        if (postal != null && !(("IN".equals(countryValue) ? INDIAN_PIN : POSTAL_CODE).matcher(postal).matches())) {
            violations.add(new Problem.Violation(field + ".postalCode",
                    "IN".equals(countryValue) ? "must be a 6-digit PIN code" : "is not a valid postal code"));
        }
        String phone = phone(field, COUNTRIES.contains(countryValue) ? countryValue : defaultRegion, violations);
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field));
            throw ProblemException.invalid(violations);
        }
        return new ShippingAddress(name, phone, l1, l2, mark, cityValue, stateValue, postal, countryValue);
    }

    private String phone(String field, String region, List<Problem.Violation> violations) {
        String name = field + ".phoneNumber";
        if (phoneNumber == null || phoneNumber.isBlank()) {
            violations.add(new Problem.Violation(name, "must not be blank"));
            return null;
        }
        if (phoneNumber.length() > 32) {
            violations.add(new Problem.Violation(name, "is not a valid phone number"));
            return null;
        }
        try {
            Phonenumber.PhoneNumber parsed = PHONES.parse(phoneNumber.strip(), region);
            if (PHONES.isValidNumber(parsed)) {
                return PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // reported below
        }
        violations.add(new Problem.Violation(name, "is not a valid phone number"));
        return null;
    }

    private static String text(String field, String name, String value, boolean required, int max,
            List<Problem.Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Problem.Violation(field + "." + name, "must not be blank"));
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            violations.add(new Problem.Violation(field + "." + name, "must be at most " + max + " characters"));
        } else if (CONTROL.matcher(stripped).find()) {
            violations.add(new Problem.Violation(field + "." + name, "must not contain control characters"));
        }
        return stripped;
    }
}
