package dev.shop.system.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.shop.local.OtpLog;

/** Reads one-time codes the way {@code ./shop otp} does: from the console provider's file of the stack. */
public final class Otp {

    private Otp() {
    }

    /** Where the next code to a phone must be newer than: take it just before asking for the code. */
    public static Instant mark() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The code sent to {@code phone} for {@code purpose} at or after {@code since}, waiting up to 20 s for it. */
    public static String await(String phone, String purpose, Instant since) {
        Optional<OtpLog.Entry> entry = Await.until("an OTP (" + purpose + ") for " + phone, Duration.ofSeconds(20),
                () -> OtpLog.latestFor(SystemStack.get().otpLog(), phone),
                e -> e.isPresent() && e.get().purpose().equals(purpose)
                        && !Instant.parse(e.get().timestamp()).isBefore(since));
        return entry.orElseThrow().code();
    }
}
