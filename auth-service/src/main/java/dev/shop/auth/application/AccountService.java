package dev.shop.auth.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.OpaqueTokens;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.auth.domain.PasswordPolicy;
import dev.shop.auth.domain.SignInWindow;
import dev.shop.auth.domain.Times;
import dev.shop.auth.domain.User;
import dev.shop.auth.domain.UserStatus;
import dev.shop.auth.domain.Username;
import dev.shop.auth.persistence.LoginAttemptRepository;
import dev.shop.auth.persistence.OtpChallengeDocument;
import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.auth.persistence.ResetTokenDocument;
import dev.shop.auth.persistence.ResetTokenRepository;
import dev.shop.auth.persistence.UserDocument;
import dev.shop.auth.persistence.UserMapper;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PhoneNumber;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Registration, logins and password reset. No path makes an active password account without a verified OTP; no public
 * route answers differently for a phone with an account than for one without (status, body, timing), until the caller
 * has proven the phone with a code.
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
    private final OtpChallengeRepository challenges;
    private final LoginAttemptRepository loginAttempts;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final IdentityOutbox outbox;
    private final OutboxRelay relay;

    public AccountService(AuthConfig config, UserRepository users, UserChanges changes,
            ResetTokenRepository resetTokens, OtpService otp, OtpChallengeRepository challenges,
            LoginAttemptRepository loginAttempts, PasswordHasher hasher, SessionService sessions,
            IdentityOutbox outbox, OutboxRelay relay) {
        this.config = config;
        this.users = users;
        this.changes = changes;
        this.resetTokens = resetTokens;
        this.otp = otp;
        this.challenges = challenges;
        this.loginAttempts = loginAttempts;
        this.hasher = hasher;
        this.sessions = sessions;
        this.outbox = outbox;
        this.relay = relay;
    }

    public PhoneNumber phone(String field, String raw) {
        return PhoneNumber.parse(field, raw, config.phone().defaultRegion());
    }

    /** What a registration answers: the code's lifetime and the registration's id, needed to confirm it. */
    public record Registration(OtpService.Sent sent, String registrationId) {
    }

    /**
     * Starts a registration: a challenge of its own holds the username and password hash and the code sent for them,
     * so a second registration of the same phone can neither change them nor be confirmed by this one's code. The
     * answer is the same whether or not the phone already has an account: for one that has, the message sent says so
     * and its code signs in to that account (the password given here is not used).
     */
    public Uni<Registration> register(String rawUsername, String rawPhone, String password, String clientIp) {
        String username = Username.normalise("username", rawUsername);
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        PasswordPolicy.check("password", password);
        String registrationId = OpaqueTokens.newId();
        // the hash is computed in either case, so the answer takes as long for a known phone as for a new one
        return hasher.hash(password).flatMap(hash -> users.findByPhone(phone.e164()).flatMap(existing -> {
            boolean hasAccount = existing != null && !UserStatus.PENDING.name().equals(existing.status);
            OtpPurpose purpose = hasAccount ? OtpPurpose.ACCOUNT_EXISTS : OtpPurpose.REGISTER;
            String challengeId = OtpChallengeDocument.registrationKey(registrationId);
            return otp.reserveRegistration(phone, purpose, registrationId, clientIp)
                    .call(r -> challenges.registration(challengeId, phone.e164(), purpose.wireName(),
                            hasAccount ? null : username, hasAccount ? null : hash, Times.now()))
                    .flatMap(r -> otp.deliver(r, OtpChannel.SMS))
                    .map(sent -> new Registration(sent, registrationId));
        }));
    }

    /**
     * Confirms a registration with the code sent for it. A new phone gets its account, with the username and password
     * of that registration; for a phone that already has an account (the code told its owner so) the code signs in to
     * it.
     */
    public Uni<Login> confirmRegistration(String registrationId, String rawPhone, String code) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        return otp.verifyRegistration(registrationId, phone, code).flatMap(registration -> users
                .findByPhone(phone.e164()).flatMap(doc -> {
                    Instant now = Times.now();
                    if (doc != null && !UserStatus.PENDING.name().equals(doc.status)) {
                        // the phone is proven: whoever holds it may sign in, whatever this registration chose
                        return sessions.start(UserMapper.toDomain(doc)).map(issued -> new Login(issued, false));
                    }
                    if (registration.passwordHash == null) {
                        // an account-exists code, but the account is gone: nothing to sign in to
                        return OtpService.<Login> fail("The code is not valid; request a new one");
                    }
                    if (doc != null) {
                        // a pending account stored before registrations had challenges of their own
                        return changes.modify(id(doc), user -> List.of(user.confirmRegistration(
                                registration.username, registration.passwordHash, now)))
                                .flatMap(sessions::start).map(issued -> new Login(issued, true));
                    }
                    User created = User.viaRegistration(new ObjectId().toHexString(), phone, registration.username,
                            registration.passwordHash, now);
                    return changes.insert(created, List.of(created.registered("password")))
                            .onFailure(AccountService::isDuplicateKey)
                            .transform(f -> alreadyRegistered())
                            .flatMap(sessions::start).map(issued -> new Login(issued, true));
                }));
    }

    /**
     * Sends a passwordless-login code. Sent for any phone (a blocked account learns it is blocked only after proving
     * the phone), so the answer tells nothing about accounts.
     */
    public Uni<OtpService.Sent> requestLoginCode(String rawPhone, OtpChannel channel, String clientIp) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        return otp.send(phone, OtpPurpose.LOGIN, channel, clientIp);
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

    /**
     * Password login. The answer for an unknown phone and a wrong password is the same and takes as long; after
     * {@code shop.auth.login.max-failures} failed attempts in a window a phone number is locked until the window ends
     * (429), whether or not it has an account. A successful login clears the count. The lock of a number with an
     * account is announced once ({@code SignInLocked}), in the same write that marks the window locked: by the failed
     * attempt that used the window up, or else by the first sign-in refused in it.
     */
    public Uni<SessionService.Issued> login(String rawPhone, String password, String clientIp) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        if (password == null || password.isEmpty() || password.length() > 4 * PasswordPolicy.MAX_LENGTH) {
            return Uni.createFrom().failure(badCredentials());
        }
        Instant now = Times.now();
        SignInWindow window = SignInWindow.of(phone.e164(), now, config.login().lockout());
        return loginAttempts.take(window.key(), config.login().maxFailures(), window.end()).flatMap(allowed -> {
            if (!allowed) {
                // the same lookup and write for any number, so the refusal tells nothing about accounts either
                return users.findByPhone(phone.e164())
                        .flatMap(doc -> noteLock(window, doc == null ? null : UserMapper.toDomain(doc), now, clientIp))
                        .flatMap(v -> Uni.createFrom().<SessionService.Issued> failure(ProblemException.tooManyRequests(
                                "Too many failed sign-ins for this phone number; try again later or sign in with a code",
                                Math.max(1, Duration.between(now, window.end()).toSeconds()))));
            }
            return users.findByPhone(phone.e164()).flatMap(doc -> {
                User user = doc == null ? null : UserMapper.toDomain(doc);
                String hash = user == null || user.status() == UserStatus.PENDING ? null : user.passwordHash();
                return hasher.matches(password, hash).flatMap(ok -> {
                    if (!ok) {
                        return noteLock(window, user, now, clientIp)
                                .flatMap(v -> Uni.createFrom().<SessionService.Issued> failure(badCredentials()));
                    }
                    if (user.isBlocked()) {
                        return Uni.createFrom().<SessionService.Issued> failure(SessionService.blocked());
                    }
                    return loginAttempts.clear(window.key()).flatMap(v -> sessions.start(user));
                });
            });
        });
    }

    /**
     * Marks the window locked once it holds the limit of attempts (a no-op before, and after the first time), with the
     * owner's {@code SignInLocked} in the same update; the relay publishes it from the window's document.
     */
    private Uni<Void> noteLock(SignInWindow window, User owner, Instant now, String clientIp) {
        int limit = config.login().maxFailures();
        OutboxEvent event = window.locked(owner, limit, now, clientIp).map(outbox::signInLocked).orElse(null);
        return loginAttempts.lock(window.key(), limit, now, window.keepPendingUntil(), event).invoke(locked -> {
            if (locked && event != null) {
                Log.infof("Password sign-ins of account %s locked until %s", owner.id(), window.end());
                relay.publishSoon(LoginAttemptRepository.COLLECTION, window.key());
            }
        }).replaceWithVoid();
    }

    /**
     * Starts a password reset. The same limits apply and the same answer comes back whether or not the phone has an
     * active account: for an active one a code is stored and sent in the background, for any other phone a code that
     * is never sent, so status, body, timing and the answers to wrong codes are alike.
     */
    public Uni<OtpService.Sent> forgotPassword(String rawPhone, String clientIp) {
        PhoneNumber phone = phone("phoneNumber", rawPhone);
        return users.findByPhone(phone.e164()).flatMap(doc -> otp.reserve(phone, OtpPurpose.RESET, OtpChannel.SMS,
                clientIp)
                .flatMap(reservation -> {
                    if (doc == null || !UserStatus.ACTIVE.name().equals(doc.status)) {
                        return otp.decoy(reservation);
                    }
                    return otp.prepare(reservation, OtpChannel.SMS).invoke(send -> send.subscribe().with(
                            sent -> {
                            },
                            failure -> Log.warnf("Password reset code for %s not sent: %s", phone.masked(),
                                    failure.getMessage())))
                            .replaceWithVoid();
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
        return MongoErrors.isDuplicateKey(failure);
    }

    static String id(UserDocument doc) {
        return doc.id.toHexString();
    }
}
