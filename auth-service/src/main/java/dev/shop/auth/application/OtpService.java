package dev.shop.auth.application;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpCodes;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.auth.domain.PhoneNumber;
import dev.shop.auth.domain.Times;
import dev.shop.auth.persistence.OtpChallengeDocument;
import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Sends and checks one-time codes (DESIGN §4.1): 6 digits from a CSPRNG, stored as a keyed hash, valid for 5 minutes
 * (checked here, not by a TTL index), at most 5 attempts, a resend cooldown, and hourly send budgets per phone and per
 * client IP. Each rule is one conditional update; when the provider fails, the budget and cooldown taken for the send
 * are given back and nothing about the undelivered code is stored.
 */
@ApplicationScoped
public class OtpService {

    public static final String INVALID_OTP_TYPE = "/problems/invalid-otp";
    private static final Duration WINDOW = Duration.ofHours(1);

    /** What a client is told after a send: how long the code lives and when it may ask again. */
    public record Sent(long expiresInSeconds, long resendAfterSeconds) {
    }

    /** Budget and cooldown taken for one send, to deliver or give back. */
    public record Reservation(PhoneNumber phone, OtpPurpose purpose, String challengeId, Instant at,
            Instant cooldownUntil, String phoneBudget, String ipBudget) {
    }

    private final AuthConfig.Otp config;
    private final OtpChallengeRepository challenges;
    private final OtpCodes codes;
    private final OtpSender sender;

    public OtpService(AuthConfig config, OtpChallengeRepository challenges, OtpCodes codes, OtpSender sender) {
        this.config = config.otp();
        this.challenges = challenges;
        this.codes = codes;
        this.sender = sender;
    }

    /** Reserves and delivers a code; 429 when a limit refuses, 503 when the provider fails. */
    public Uni<Sent> send(PhoneNumber phone, OtpPurpose purpose, OtpChannel channel, String clientIp) {
        return reserve(phone, purpose, clientIp).flatMap(reservation -> deliver(reservation, channel));
    }

    /**
     * Applies the cooldown and the hourly budgets without sending anything yet.
     *
     * @throws ProblemException 429 with {@code Retry-After} when a limit refuses
     */
    public Uni<Reservation> reserve(PhoneNumber phone, OtpPurpose purpose, String clientIp) {
        Instant now = Times.now();
        String id = OtpChallengeDocument.key(purpose.wireName(), phone.e164());
        Instant until = now.plus(config.resendCooldown());
        long window = now.getEpochSecond() / WINDOW.toSeconds();
        Instant windowEnd = Instant.ofEpochSecond((window + 1) * WINDOW.toSeconds());
        String phoneBudget = "phone:" + phone.e164() + ":" + window;
        String ipBudget = clientIp == null ? null : "ip:" + clientIp + ":" + window;
        Reservation reservation = new Reservation(phone, purpose, id, now, until, phoneBudget, ipBudget);

        return challenges.claimCooldown(id, phone.e164(), purpose.wireName(), now, until)
                .flatMap(claimed -> claimed ? Uni.createFrom().voidItem() : cooldownRefusal(id, now))
                .flatMap(ok -> challenges.takeFromBudget(phoneBudget, config.perPhonePerHour(), windowEnd))
                .flatMap(taken -> {
                    if (!taken) {
                        return challenges.releaseCooldown(id, until, now)
                                .flatMap(v -> Uni.createFrom().failure(limitRefusal(
                                        "Too many codes were sent to this phone number; try again later", now,
                                        windowEnd)));
                    }
                    if (ipBudget == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return challenges.takeFromBudget(ipBudget, config.perIpPerHour(), windowEnd)
                            .flatMap(ipTaken -> ipTaken ? Uni.createFrom().voidItem()
                                    : challenges.giveBackToBudget(phoneBudget)
                                            .flatMap(v -> challenges.releaseCooldown(id, until, now))
                                            .flatMap(v -> Uni.createFrom().failure(limitRefusal(
                                                    "Too many codes were requested from this address; try again later",
                                                    now, windowEnd))));
                })
                .replaceWith(reservation);
    }

    /**
     * Makes and sends the code of a reservation, then stores its hash. On a provider failure the reservation is given
     * back and the answer is 503.
     */
    public Uni<Sent> deliver(Reservation r, OtpChannel channel) {
        boolean providerChecks = sender.checksCodes();
        String code = providerChecks ? null : OtpCodes.newCode();
        OtpDelivery delivery = new OtpDelivery(r.phone(), code, r.purpose(), channel);
        return sender.send(delivery)
                .onFailure().call(failure -> {
                    Log.warnf("OTP provider %s failed for %s: %s", sender.name(), delivery, failure.getMessage());
                    return giveBack(r);
                })
                .onFailure().transform(failure -> ProblemException.unavailable(
                        "The one-time code could not be sent right now; try again in a moment"))
                .flatMap(v -> {
                    Instant sentAt = Times.now();
                    String hash = code == null ? null : codes.hash(r.purpose(), r.phone(), code);
                    return challenges.codeSent(r.challengeId(), hash, providerChecks, channel.wireName(), sentAt,
                            sentAt.plus(config.lifetime()));
                })
                .replaceWith(sentAnswer());
    }

    /** The answer of a send, also given when nothing is sent (enumeration-safe flows). */
    public Sent sentAnswer() {
        return new Sent(config.lifetime().toSeconds(), config.resendCooldown().toSeconds());
    }

    /**
     * Checks a code and uses it up when it matches.
     *
     * @throws ProblemException 400 {@value #INVALID_OTP_TYPE} when the code is wrong, expired, used or dead after too
     *         many attempts; 503 when the provider that checks codes is down
     */
    public Uni<Void> verify(PhoneNumber phone, OtpPurpose purpose, String code) {
        String id = OtpChallengeDocument.key(purpose.wireName(), phone.e164());
        Instant now = Times.now();
        return challenges.findById(id).flatMap(c -> {
            if (c == null || c.sentAt == null || c.consumedAt != null || c.codeHash == null && !c.providerChecked) {
                return fail("The code is not valid; request a new one");
            }
            if (!c.expiresAt.isAfter(now)) {
                return fail("The code has expired; request a new one");
            }
            if (c.attempts >= config.maxAttempts()) {
                return fail("Too many wrong attempts; request a new code");
            }
            return challenges.claimAttempt(id, c.sentAt, config.maxAttempts()).flatMap(claimed -> {
                if (!claimed) {
                    return fail("The code is not valid; request a new one");
                }
                return check(c, phone, purpose, code).flatMap(matches -> {
                    if (!matches) {
                        int left = config.maxAttempts() - c.attempts - 1;
                        return fail(left > 0 ? "The code is wrong; " + left + " attempt(s) left"
                                : "The code is wrong and no longer valid; request a new one");
                    }
                    return challenges.consume(id, c.sentAt, Times.now()).flatMap(consumed -> consumed
                            ? Uni.createFrom().voidItem()
                            : fail("The code is not valid; request a new one"));
                });
            });
        });
    }

    private Uni<Boolean> check(OtpChallengeDocument c, PhoneNumber phone, OtpPurpose purpose, String code) {
        if (!c.providerChecked) {
            return Uni.createFrom().item(codes.matches(purpose, phone, code, c.codeHash));
        }
        return sender.check(phone, code)
                .onFailure().call(failure -> {
                    Log.warnf("OTP provider %s could not check a code for %s: %s", sender.name(), phone.masked(),
                            failure.getMessage());
                    return challenges.releaseAttempt(c.id, c.sentAt);
                })
                .onFailure().transform(failure -> ProblemException.unavailable(
                        "The one-time code could not be checked right now; try again in a moment"));
    }

    private Uni<Void> giveBack(Reservation r) {
        Uni<Void> ip = r.ipBudget() == null ? Uni.createFrom().voidItem() : challenges.giveBackToBudget(r.ipBudget());
        return challenges.giveBackToBudget(r.phoneBudget())
                .flatMap(v -> ip)
                .flatMap(v -> challenges.releaseCooldown(r.challengeId(), r.cooldownUntil(), r.at()))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Could not give back the OTP reservation of %s: %s", r.phone().masked(),
                            failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> cooldownRefusal(String id, Instant now) {
        return challenges.findById(id).flatMap(c -> {
            Instant until = c == null || c.cooldownUntil == null ? now.plusSeconds(1) : c.cooldownUntil;
            long seconds = Math.max(1, Duration.between(now, until).toMillis() / 1000 + 1);
            return Uni.createFrom().failure(ProblemException.tooManyRequests(
                    "A code was sent moments ago; wait before asking for another", seconds));
        });
    }

    private static ProblemException limitRefusal(String detail, Instant now, Instant windowEnd) {
        return ProblemException.tooManyRequests(detail, Math.max(1, Duration.between(now, windowEnd).toSeconds()));
    }

    static <T> Uni<T> fail(String detail) {
        return Uni.createFrom().failure(invalidOtp(detail));
    }

    public static ProblemException invalidOtp(String detail) {
        return new ProblemException(400, INVALID_OTP_TYPE, "Invalid one-time code", detail);
    }
}
