package dev.shop.kit.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;

/**
 * A postal address as a client typed it, and the one set of rules every service checks it by: text trimmed and free of
 * control characters, within its length; the country an ISO 3166-1 alpha-2 code (the default region when absent); the
 * postal code a 6-digit PIN in India and plausible elsewhere; the phone number valid for the address's country and
 * stored in E.164.
 */
public record PostalAddress(
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

    /**
     * @param prefix put before each field name in violations ({@code ""}, or e.g. {@code "shippingAddress."} for an
     *        address nested in a request)
     * @return the normalised address
     * @throws ProblemException 400 listing every invalid field
     */
    public PostalAddress normalised(String prefix, String defaultRegion) {
        List<Problem.Violation> violations = new ArrayList<>();
        String name = text(prefix, "fullName", fullName, true, 100, violations);
        String l1 = text(prefix, "line1", line1, true, 200, violations);
        String l2 = text(prefix, "line2", line2, false, 200, violations);
        String mark = text(prefix, "landmark", landmark, false, 100, violations);
        String cityValue = text(prefix, "city", city, true, 100, violations);
        String stateValue = text(prefix, "state", state, true, 100, violations);
        String countryValue = country == null || country.isBlank() ? defaultRegion
                : country.strip().toUpperCase(Locale.ROOT);
        boolean knownCountry = COUNTRIES.contains(countryValue);
        if (!knownCountry) {
            violations.add(new Problem.Violation(prefix + "country", "must be an ISO 3166-1 alpha-2 country code"));
        }
        String postal = text(prefix, "postalCode", postalCode, true, 10, violations);
        boolean india = "IN".equals(countryValue);
        if (postal != null && !(india ? INDIAN_PIN : POSTAL_CODE).matcher(postal).matches()) {
            violations.add(new Problem.Violation(prefix + "postalCode",
                    india ? "must be a 6-digit PIN code" : "is not a valid postal code"));
        }
        String phone = null;
        try {
            phone = PhoneNumber.parse(prefix + "phoneNumber", phoneNumber, knownCountry ? countryValue : defaultRegion)
                    .e164();
        } catch (ProblemException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field));
            throw ProblemException.invalid(violations);
        }
        return new PostalAddress(name, phone, l1, l2, mark, cityValue, stateValue, postal, countryValue);
    }

    private static String text(String prefix, String field, String value, boolean required, int max,
            List<Problem.Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Problem.Violation(prefix + field, "must not be blank"));
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            violations.add(new Problem.Violation(prefix + field, "must be at most " + max + " characters"));
        } else if (CONTROL.matcher(stripped).find()) {
            violations.add(new Problem.Violation(prefix + field, "must not contain control characters"));
        }
        return stripped;
    }
}
