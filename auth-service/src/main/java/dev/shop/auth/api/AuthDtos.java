package dev.shop.auth.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.shop.auth.domain.User;

/**
 * Request and response bodies of {@code /api/v1/auth}. Requests bind only the fields listed: {@code roles}, {@code id}
 * or a status in a body are ignored (no mass assignment). Field rules beyond presence are checked by the domain.
 */
public final class AuthDtos {

    static final String OTP_PATTERN = "[0-9]{4,10}";

    private AuthDtos() {
    }

    public record RegisterRequest(@NotNull String username, @NotNull String phoneNumber, @NotNull String password) {
        @Override
        public String toString() {
            return "RegisterRequest[" + username + "]";
        }
    }

    /** Confirms one registration: its id (from the 202 of {@code /register}) and the code sent for it. */
    public record RegistrationVerifyRequest(@NotNull String registrationId, @NotNull String phoneNumber,
            @NotNull @Pattern(regexp = OTP_PATTERN, message = "must be the digits of the code") String otp) {
    }

    public record VerifyCodeRequest(@NotNull String phoneNumber,
            @NotNull @Pattern(regexp = OTP_PATTERN, message = "must be the digits of the code") String otp) {
    }

    public record OtpLoginRequest(@NotNull String phoneNumber,
            @Pattern(regexp = "sms|voice", message = "must be sms or voice") String channel) {
    }

    public record OtpLoginVerifyRequest(@NotNull String phoneNumber,
            @NotNull @Pattern(regexp = OTP_PATTERN, message = "must be the digits of the code") String otp,
            String fullName) {
    }

    public record LoginRequest(@NotNull String phoneNumber, @NotNull String password) {
        @Override
        public String toString() {
            return "LoginRequest[...]";
        }
    }

    public record ForgotPasswordRequest(@NotNull String phoneNumber) {
    }

    public record ResetPasswordRequest(@NotNull String resetToken, @NotNull String newPassword) {
        @Override
        public String toString() {
            return "ResetPasswordRequest[...]";
        }
    }

    public record RefreshRequest(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[...]";
        }
    }

    public record OtpSent(Otp otp) {
        public record Otp(long expiresInSeconds, long resendAfterSeconds) {
        }
    }

    /** The 202 of a registration: as {@link OtpSent}, plus the id {@code /register/verify} needs. */
    public record RegistrationStarted(OtpSent.Otp otp, String registrationId) {
    }

    /** The "tokens" answer of the auth API (docs/api.md); the refresh token travels in the cookie. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tokens(String accessToken, String tokenType, long expiresIn, ProfileView user, Boolean newUser) {
    }

    public record ResetTokenIssued(String resetToken, long expiresIn) {
    }

    public record ProfileView(String id, String username, String phoneNumber, String fullName, String email,
            List<String> roles, Instant createdAt) {

        public static ProfileView of(User u) {
            return new ProfileView(u.id(), u.username(), u.phoneNumber().e164(), u.fullName(), u.email(),
                    u.roleList(), u.createdAt());
        }
    }
}
