package dev.shop.auth.client;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.shop.auth.application.OtpSender;
import dev.shop.auth.config.AuthConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Chooses the OTP provider named by {@code shop.auth.otp.provider}; a missing or incomplete setting stops the start. */
@Singleton
public class OtpSenderProducer {

    @Produces
    @Singleton
    OtpSender otpSender(AuthConfig config) {
        AuthConfig.Otp otp = config.otp();
        String provider = otp.provider().orElseThrow(() -> new IllegalStateException(
                "No OTP provider: set shop.auth.otp.provider to twofactor or twilio (console is for local mode)"));
        return switch (provider) {
            case "console" -> {
                Log.warnf("OTP codes go to the console and %s: local mode only", otp.console().file());
                yield new ConsoleOtpSender(otp.console().file());
            }
            case "twofactor" -> new TwoFactorOtpSender(otp.twofactor().baseUrl(),
                    required(otp.twofactor().apiKey().orElse(null), "shop.auth.otp.twofactor.api-key"),
                    otp.twofactor().smsTemplate(), otp.twofactor().accountExistsTemplate(), otp.twofactor().timeout());
            case "twilio" -> new TwilioVerifyOtpSender(otp.twilio().baseUrl(),
                    required(otp.twilio().accountSid().orElse(null), "shop.auth.otp.twilio.account-sid"),
                    required(otp.twilio().authToken().orElse(null), "shop.auth.otp.twilio.auth-token"),
                    required(otp.twilio().serviceSid().orElse(null), "shop.auth.otp.twilio.service-sid"),
                    otp.twilio().timeout());
            default -> throw new IllegalStateException(
                    "Unknown OTP provider '" + provider + "': use console, twofactor or twilio");
        };
    }

    /** Resolves the provider at start, so a misconfiguration stops the service instead of failing the first send. */
    void validate(@Observes StartupEvent startup, OtpSender sender) {
        Log.infof("OTP provider: %s", sender.name());
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The OTP provider needs " + key);
        }
        return value;
    }
}
