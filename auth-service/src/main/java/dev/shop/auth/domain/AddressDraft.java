package dev.shop.auth.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;

/**
 * Address fields as a client sent them, validated and normalised by {@link #validate}: text trimmed, phone in E.164,
 * country an ISO 3166-1 alpha-2 code (default region when absent), postal code checked for India (6 digits) and loosely
 * elsewhere.
 */
public record AddressDraft(
        String fullName,
        String phoneNumber,
        String line1,
        String line2,
        String landmark,
        String city,
        String state,
        String postalCode,
        String country,
        boolean isDefault) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern INDIAN_PIN = Pattern.compile("[1-9][0-9]{5}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /**
     * @return the normalised draft
     * @throws ProblemException 400 listing every invalid field
     */
    public AddressDraft validate(String defaultRegion) {
        List<Problem.Violation> violations = new ArrayList<>();
        String name = text("fullName", fullName, true, 100, violations);
        String l1 = text("line1", line1, true, 200, violations);
        String l2 = text("line2", line2, false, 200, violations);
        String mark = text("landmark", landmark, false, 100, violations);
        String cityValue = text("city", city, true, 100, violations);
        String stateValue = text("state", state, true, 100, violations);
        String countryValue = country == null || country.isBlank() ? defaultRegion
                : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(countryValue)) {
            violations.add(new Problem.Violation("country", "must be an ISO 3166-1 alpha-2 country code"));
        }
        String postal = text("postalCode", postalCode, true, 10, violations);
        if (postal != null) {
            boolean ok = "IN".equals(countryValue) ? INDIAN_PIN.matcher(postal).matches()
                    : POSTAL_CODE.matcher(postal).matches();
            if (!ok) {
                violations.add(new Problem.Violation("postalCode",
                        "IN".equals(countryValue) ? "must be a 6-digit PIN code" : "is not a valid postal code"));
            }
        }
        String phone = null;
        try {
            phone = PhoneNumber.parse("phoneNumber", phoneNumber, "IN".equals(countryValue) || !COUNTRIES.contains(
                    countryValue) ? defaultRegion : countryValue).e164();
        } catch (ProblemException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            violations.sort(java.util.Comparator.comparing(Problem.Violation::field));
            throw ProblemException.invalid(violations);
        }
        return new AddressDraft(name, phone, l1, l2, mark, cityValue, stateValue, postal, countryValue, isDefault);
    }

    private static String text(String field, String value, boolean required, int max,
            List<Problem.Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Problem.Violation(field, "must not be blank"));
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            violations.add(new Problem.Violation(field, "must be at most " + max + " characters"));
        } else if (CONTROL.matcher(stripped).find()) {
            violations.add(new Problem.Violation(field, "must not contain control characters"));
        }
        return stripped;
    }
}
