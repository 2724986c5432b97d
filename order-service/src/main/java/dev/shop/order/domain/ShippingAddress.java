package dev.shop.order.domain;

import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PostalAddress;

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

    /**
     * An address typed in at checkout, checked and normalised by the shared {@link PostalAddress} rules: text trimmed,
     * the phone number in E.164, the country an ISO 3166-1 alpha-2 code ({@code defaultRegion} when absent), the
     * postal code a 6-digit PIN in India and plausible elsewhere.
     *
     * @param field the request field the address came in, to name violations (e.g. {@code shippingAddress})
     * @throws ProblemException 400 listing every invalid field
     */
    public ShippingAddress validated(String field, String defaultRegion) {
        PostalAddress a = new PostalAddress(fullName, phoneNumber, line1, line2, landmark, city, state, postalCode,
                country).normalised(field + ".", defaultRegion);
        return new ShippingAddress(a.fullName(), a.phoneNumber(), a.line1(), a.line2(), a.landmark(), a.city(),
                a.state(), a.postalCode(), a.country());
    }
}
