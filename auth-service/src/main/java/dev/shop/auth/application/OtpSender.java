package dev.shop.auth.application;

import dev.shop.kit.validation.PhoneNumber;
import io.smallrye.mutiny.Uni;

/**
 * Delivers one-time codes to phones (docs/api.md): {@code console} (local mode), {@code twofactor} (2Factor.in SMS
 * and voice), {@code twilio} (Twilio Verify). Chosen by {@code shop.auth.otp.provider}.
 * <p>
 * A failure to deliver is an {@link OtpDeliveryException}; the caller undoes its bookkeeping and answers 503.
 */
public interface OtpSender {

    String name();

    /**
     * True when the provider makes and checks codes itself (Twilio Verify): {@link OtpDelivery#code()} is then null and
     * {@link #check} decides.
     */
    default boolean checksCodes() {
        return false;
    }

    Uni<Void> send(OtpDelivery delivery);

    /** Only for providers that {@link #checksCodes()}: whether {@code code} is the live code of {@code phone}. */
    default Uni<Boolean> check(PhoneNumber phone, String code) {
        return Uni.createFrom().failure(new UnsupportedOperationException(name() + " does not check codes"));
    }
}
