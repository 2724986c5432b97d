package dev.shop.auth.application;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.OpaqueTokens;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.auth.domain.PasswordPolicy;
import dev.shop.auth.domain.PhoneNumber;
import dev.shop.auth.domain.Times;
import dev.shop.auth.domain.User;
import dev.shop.auth.domain.UserStatus;
import dev.shop.auth.domain.Username;
import dev.shop.auth.persistence.ResetTokenDocument;
import dev.shop.auth.persistence.ResetTokenRepository;
import dev.shop.auth.persistence.UserDocument;
import dev.shop.auth.persistence.UserMapper;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Registration, logins and password reset (DESIGN §4.1). No path makes an active password account without a verified
 * OTP; forgot-password answers alike whether or not the phone has an account.
 */
@ApplicationScoped
public class AccountService {

    public static final String INVALID_RESET_TOKEN_TYPE = "/problems/invalid-reset-token";

    /** Tokens of a login, and whether the login created the account. */
    public record Login(SessionService.Issued issued, boolean newUser) {
    }

    /** A reset token handed out after the OTP of a forgot-password. */
    public record ResetToken(String token, long expiresInSeconds) {
        @Override
        public String toString() {
            return "ResetToken[...]";
        }
    }

    private final AuthConfig config;
    private final UserRepository users;
    private final UserChanges changes;
    private final ResetTokenRepository resetTokens;
    private final OtpService otp;
    private final PasswordHasher hasher;
    private final SessionService sessions;

    public AccountService(AuthConfig config, UserRepository users, UserChanges changes,
            ResetTokenRepository resetTokens, OtpService otp, PasswordHasher hasher, SessionService sessions) {
        this.config = config;
        this.users = users;
        this.changes = changes;
        this.resetTokens = resetTokens;
        this.otp = otp;
        this.hasher = hasher;
        this.sessions = sessions;
    }

    public PhoneNumber phone(String field, String raw) {
        return PhoneNumber.parse(field, raw, config.phone().defaultRegion());
    }

    /** Creates (or renews) a pending registration and sends its OTP. */
    public Uni<OtpService.Sent> register(String rawUsername, String rawPhone, String password, String clientIp) {
        String username = Username.normalise("username", rawUsername);
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        PasswordPolicy.check("password", password);
        return users.findByPhone(phone.e164())
                .flatMap(existing -> {
                    if (existing != null && !UserStatus.PENDING.name().equals(existing.status)) {
                        return Uni.createFrom().failure(alreadyRegistered());
                    }
                    return hasher.hash(password);
                })
                .flatMap(hash -> otp.send(phone, OtpPurpose.REGISTER, OtpChannel.SMS, clientIp)
                        .call(sent -> users.upsertPending(phone.e164(), username, hash, Times.now())
                                .onFailure(AccountService::isDuplicateKey)
                                .transform(f -> alreadyRegistered())));
    }

    /** Confirms a registration with its OTP: the account becomes active and is logged in. */
    public Uni<SessionService.Issued> confirmRegistration(String rawPhone, String code) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        return users.findByPhone(phone.e164()).flatMap(doc -> {
            if (doc == null) {
                return OtpService.<SessionService.Issued> fail("The code is not valid; request a new one");
            }
            if (!UserStatus.PENDING.name().equals(doc.status)) {
                return Uni.createFrom().<SessionService.Issued> failure(
                        ProblemException.conflict("This phone number is already registered; log in instead"));
            }
            String userId = doc.id.toHexString();
            return otp.verify(phone, OtpPurpose.REGISTER, code)
                    .flatMap(v -> changes.modify(userId, user -> List.of(user.activate(true, null, Times.now()))))
                    .flatMap(sessions::start);
        });
    }

    /** Sends a passwordless-login code. */
    public Uni<OtpService.Sent> requestLoginCode(String rawPhone, OtpChannel channel, String clientIp) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        return users.findByPhone(phone.e164()).flatMap(doc -> {
            if (doc != null && UserStatus.BLOCKED.name().equals(doc.status)) {
                return Uni.createFrom().failure(SessionService.blocked());
            }
            return otp.send(phone, OtpPurpose.LOGIN, channel, clientIp);
        });
    }

    /**
     * Logs in with a passwordless code; creates the account on the first successful login. A pending registration of
     * the phone is activated without its password: proving the phone does not prove who chose that password.
     */
    public Uni<Login> loginWithCode(String rawPhone, String code, String rawFullName) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        String fullName = ProfileService.fullName("fullName", rawFullName);
        return otp.verify(phone, OtpPurpose.LOGIN, code)
                .flatMap(v -> users.findByPhone(phone.e164()))
                .flatMap(doc -> {
                    Instant now = Times.now();
                    if (doc == null) {
                        User created = User.viaOtp(new ObjectId().toHexString(), phone, fullName, now);
                        return changes.insert(created, List.of(created.registered("otp")))
                                .map(user -> true)
                                .onFailure(AccountService::isDuplicateKey)
                                .recoverWithUni(() -> Uni.createFrom().item(false))
                                .flatMap(inserted -> inserted ? Uni.createFrom().item(new Pair(created, true))
                                        : users.findByPhone(phone.e164())
                                                .map(d -> new Pair(UserMapper.toDomain(d), false)));
                    }
                    User user = UserMapper.toDomain(doc);
                    if (user.status() == UserStatus.PENDING) {
                        return changes.modify(user.id(), u -> List.of(u.activate(false, fullName, now)))
                                .map(u -> new Pair(u, true));
                    }
                    return Uni.createFrom().item(new Pair(user, false));
                })
                .flatMap(pair -> sessions.start(pair.user()).map(issued -> new Login(issued, pair.created())));
    }

    private record Pair(User user, boolean created) {
    }

    /** Password login; the answer for an unknown phone and a wrong password is the same and takes as long. */
    public Uni<SessionService.Issued> login(String rawPhone, String password) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        if (password == null || password.isEmpty() || password.length() > 4 * PasswordPolicy.MAX_LENGTH) {
            return Uni.createFrom().failure(badCredentials());
        }
        return users.findByPhone(phone.e164()).flatMap(doc -> {
            User user = doc == null ? null : UserMapper.toDomain(doc);
            String hash = user == null || user.status() == UserStatus.PENDING ? null : user.passwordHash();
            return hasher.matches(password, hash).flatMap(ok -> {
                if (!ok) {
                    return Uni.createFrom().<SessionService.Issued> failure(badCredentials());
                }
                if (user.isBlocked()) {
                    return Uni.createFrom().<SessionService.Issued> failure(SessionService.blocked());
                }
                return sessions.start(user);
            });
        });
    }

    /**
     * Starts a password reset. The same limits apply and the same answer comes back whether or not the phone has an
     * active account; the code is sent in the background, so the answer time does not depend on the provider either.
     */
    public Uni<OtpService.Sent> forgotPassword(String rawPhone, String clientIp) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        return users.findByPhone(phone.e164()).flatMap(doc -> otp.reserve(phone, OtpPurpose.RESET, clientIp)
                .invoke(reservation -> {
                    if (doc != null && UserStatus.ACTIVE.name().equals(doc.status)) {
                        otp.deliver(reservation, OtpChannel.SMS).subscribe().with(
                                sent -> {
                                },
                                failure -> Log.warnf("Password reset code for %s not sent: %s", phone.masked(),
                                        failure.getMessage()));
                    }
                })
                .replaceWith(otp.sentAnswer()));
    }

    /** Checks the reset OTP and hands out a single-use reset token. */
    public Uni<ResetToken> verifyResetCode(String rawPhone, String code) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        return otp.verify(phone, OtpPurpose.RESET, code)
                .flatMap(v -> users.findByPhone(phone.e164()))
                .flatMap(doc -> {
                    if (doc == null || !UserStatus.ACTIVE.name().equals(doc.status)) {
                        return OtpService.<ResetToken> fail("The code is not valid; request a new one");
                    }
                    String token = OpaqueTokens.newToken();
                    Instant now = Times.now();
                    ResetTokenDocument reset = new ResetTokenDocument();
                    reset.id = OpaqueTokens.hash(token);
                    reset.userId = doc.id.toHexString();
                    reset.createdAt = now;
                    reset.expiresAt = now.plus(config.sessions().resetTokenLifetime());
                    return resetTokens.persist(reset).replaceWith(
                            new ResetToken(token, config.sessions().resetTokenLifetime().toSeconds()));
                });
    }

    /** Sets a new password with a reset token and ends every session of the account. */
    public Uni<Void> resetPassword(String resetToken, String newPassword) {
        if (!OpaqueTokens.looksValid(resetToken)) {
            return Uni.createFrom().failure(invalidResetToken());
        }
        PasswordPolicy.check("newPassword", newPassword);
        return hasher.hash(newPassword)
                .flatMap(hash -> resetTokens.use(OpaqueTokens.hash(resetToken), Times.now()).flatMap(userId -> {
                    if (userId == null) {
                        return Uni.createFrom().<Void> failure(invalidResetToken());
                    }
                    return changes.modify(userId, user -> {
                        user.changePassword(hash, Times.now());
                        return List.of();
                    }).flatMap(user -> sessions.revokeAll(user.id(), "password-reset"));
                }));
    }

    static ProblemException alreadyRegistered() {
        return ProblemException.conflict("This phone number is already registered; log in instead");
    }

    static ProblemException badCredentials() {
        return ProblemException.unauthorized("The phone number or the password is wrong");
    }

    static ProblemException invalidResetToken() {
        return new ProblemException(400, INVALID_RESET_TOKEN_TYPE, "Invalid reset token",
                "The reset token is not valid or has expired; start again");
    }

    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    static String id(UserDocument doc) {
        return doc.id.toHexString();
    }
}
