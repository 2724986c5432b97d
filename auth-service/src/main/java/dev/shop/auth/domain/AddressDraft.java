package dev.shop.auth.domain;

import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PostalAddress;

/**
 * Address fields as a client sent them, validated and normalised by {@link #validate} with the shared
 * {@link PostalAddress} rules: text trimmed, phone in E.164, country an ISO 3166-1 alpha-2 code (default region when
 * absent), postal code checked for India (6 digits) and loosely elsewhere.
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

    /**
     * @return the normalised draft
     * @throws ProblemException 400 listing every invalid field
     */
    public AddressDraft validate(String defaultRegion) {
        PostalAddress a = new PostalAddress(fullName, phoneNumber, line1, line2, landmark, city, state, postalCode,
                country).normalised("", defaultRegion);
        return new AddressDraft(a.fullName(), a.phoneNumber(), a.line1(), a.line2(), a.landmark(), a.city(), a.state(),
                a.postalCode(), a.country(), isDefault);
    }
}
