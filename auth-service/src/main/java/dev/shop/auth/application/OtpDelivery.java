package dev.shop.auth.application;

import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.kit.validation.PhoneNumber;

/**
 * One code to deliver.
 *
 * @param code the code, or null when the provider makes it
 */
public record OtpDelivery(PhoneNumber phone, String code, OtpPurpose purpose, OtpChannel channel) {

    /** Never prints the code. */
    @Override
    public String toString() {
        return "OtpDelivery[" + phone.masked() + ", " + purpose.wireName() + ", " + channel.wireName() + "]";
    }
}
