package dev.shop.auth.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.OtpChannel;
import dev.shop.auth.domain.OtpCodes;
import dev.shop.auth.domain.OtpDestinations;
import dev.shop.auth.domain.OtpPurpose;
import dev.shop.auth.domain.Times;
import dev.shop.auth.persistence.OtpChallengeDocument;
import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PhoneNumber;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Sends and checks one-time codes (docs/api.md): 6 digits from a CSPRNG, stored as a keyed hash, valid for 5 minutes
 * (checked here, not by a TTL index), at most 5 attempts, a resend cooldown, hourly send budgets per phone, per number
 * block and per client address, and only to mobile numbers of the allowed regions. Each rule is one conditional update;
 * when the provider fails, the budget and cooldown taken for the send are given back.
 */
@ApplicationScoped
public class OtpService {

    public static final String INVALID_OTP_TYPE = "/problems/invalid-otp";
    private static final Duration WINDOW = Duration.ofHours(1);

    /** What a client is told after a send: how long the code lives and when it may ask again. */
    public record Sent(long expiresInSeconds, long resendAfterSeconds) {
    }

    /**
     * Budget and cooldown taken for one send, to deliver or give back.
     *
     * @param purpose what the code is for (also part of its hash)
     * @param cooldownId the document holding the resend cooldown ({@code purpose:phone})
     * @param challengeId the document the code is stored in: the cooldown's, or a registration's own
     */
    public record Reservation(PhoneNumber phone, OtpPurpose purpose, String cooldownId, String challengeId, Instant at,
            Instant cooldownUntil, List<String> budgets) {
    }

    private final AuthConfig.Otp config;
    private final OtpChallengeRepository challenges;
    private final OtpCodes codes;
    private final OtpSender sender;
    private final OtpDestinations destinations;

    @Inject
    public OtpService(AuthConfig config, OtpChallengeRepository challenges, OtpCodes codes, OtpSender sender) {
        this(config, challenges, codes, sender, new OtpDestinations(
                config.otp().allowedRegions().orElse(List.of(config.phone().defaultRegion()))));
    }

    OtpService(AuthConfig config, OtpChallengeRepository challenges, OtpCodes codes, OtpSender sender,
            OtpDestinations destinations) {
        this.config = config.otp();
        this.challenges = challenges;
        this.codes = codes;
        this.sender = sender;
        this.destinations = destinations;
    }

    /**
     * Reserves and delivers a code; 400 for a number no code may go to, 429 when a limit refuses, 503 when the provider fails.
     */
    public Uni<Sent> send(PhoneNumber phone, OtpPurpose purpose, OtpChannel channel, String clientIp) {
        return reserve(phone, purpose, channel, clientIp).flatMap(reservation -> deliver(reservation, channel));
    }

    /**
     * Applies the destination rules, the cooldown and the hourly budgets (per phone, per number block, per client
     * address) without sending anything yet. The code will live in the cooldown's document ({@code purpose:phone}).
     *
     * @throws ProblemException 400 when no code may be sent to the number, 429 with {@code Retry-After} when a limit
     *         refuses
     */
    public Uni<Reservation> reserve(PhoneNumber phone, OtpPurpose purpose, OtpChannel channel, String clientIp) {
        String id = OtpChallengeDocument.key(purpose.wireName(), phone.e164());
        return reserve(phone, purpose, channel, clientIp, id, id);
    }

    /**
     * As {@link #reserve}, for a registration: the cooldown is the phone's registration cooldown, the code gets a
     * challenge of its own ({@code registration:<id>}), so every registration is confirmed only by the code sent for
     * it.
     *
     * @param purpose {@link OtpPurpose#REGISTER}, or {@link OtpPurpose#ACCOUNT_EXISTS} when the phone has an account
     */
    public Uni<Reservation> reserveRegistration(PhoneNumber phone, OtpPurpose purpose, String registrationId,
            String clientIp) {
        return reserve(phone, purpose, OtpChannel.SMS, clientIp,
                OtpChallengeDocument.key(OtpPurpose.REGISTER.wireName(), phone.e164()),
                OtpChallengeDocument.registrationKey(registrationId));
    }

    private Uni<Reservation> reserve(PhoneNumber phone, OtpPurpose purpose, OtpChannel channel, String clientIp,
            String cooldownId, String challengeId) {
        destinations.check("phoneNumber", phone, channel);
        Instant now = Times.now();
        Instant until = now.plus(config.resendCooldown());
        long window = now.getEpochSecond() / WINDOW.toSeconds();
        Instant windowEnd = Instant.ofEpochSecond((window + 1) * WINDOW.toSeconds());
        List<Budget> budgets = new ArrayList<>();
        budgets.add(new Budget("phone:" + phone.e164() + ":" + window, config.perPhonePerHour(),
                "Too many codes were sent to this phone number; try again later"));
        budgets.add(new Budget("block:" + phone.block(config.prefixWildcardDigits()) + ":" + window,
                config.perPrefixPerHour(), "Too many codes were sent to numbers like this one; try again later"));
        if (clientIp != null) {
            budgets.add(new Budget("ip:" + clientIp + ":" + window, config.perIpPerHour(),
                    "Too many codes were requested from this address; try again later"));
        }
        Reservation reservation = new Reservation(phone, purpose, cooldownId, challengeId, now, until,
                budgets.stream().map(Budget::key).toList());

        return challenges.claimCooldown(cooldownId, phone.e164(), purpose.wireName(), now, until)
                .flatMap(claimed -> claimed ? Uni.createFrom().voidItem() : cooldownRefusal(cooldownId, now))
                .flatMap(ok -> take(budgets, 0, new ArrayList<>(), windowEnd, now)
                        .onFailure().call(failure -> challenges.releaseCooldown(cooldownId, until, now)))
                .replaceWith(reservation);
    }

    private record Budget(String key, int limit, String refusal) {
    }

    /** Takes each budget in turn; on a refusal gives back those already taken and fails with a 429. */
    private Uni<Void> take(List<Budget> budgets, int index, List<String> taken, Instant windowEnd, Instant now) {
        if (index == budgets.size()) {
            return Uni.createFrom().voidItem();
        }
        Budget budget = budgets.get(index);
        return challenges.takeFromBudget(budget.key(), budget.limit(), windowEnd).flatMap(ok -> {
            if (ok) {
                taken.add(budget.key());
                return take(budgets, index + 1, taken, windowEnd, now);
            }
            return giveBack(taken).flatMap(v -> Uni.createFrom().<Void> failure(
                    limitRefusal(budget.refusal(), now, windowEnd)));
        });
    }

    private Uni<Void> giveBack(List<String> keys) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            chain = chain.flatMap(v -> challenges.giveBackToBudget(key));
        }
        return chain;
    }

    /**
     * Makes and sends the code of a reservation, then stores its hash. On a provider failure the reservation is given
     * back, any earlier code stays as it was, and the answer is 503.
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
                .flatMap(v -> store(r, code, providerChecks, channel))
                .replaceWith(sentAnswer());
    }

    /**
     * Stores a fresh code for the reservation now and returns what remains to be done: sending it. For flows whose
     * answer must not wait for (or depend on) the provider; a failed send only gives the budgets back.
     */
    public Uni<Uni<Void>> prepare(Reservation r, OtpChannel channel) {
        boolean providerChecks = sender.checksCodes();
        String code = providerChecks ? null : OtpCodes.newCode();
        OtpDelivery delivery = new OtpDelivery(r.phone(), code, r.purpose(), channel);
        return store(r, code, providerChecks, channel).map(v -> sender.send(delivery)
                .onFailure().call(failure -> {
                    Log.warnf("OTP provider %s failed for %s: %s", sender.name(), delivery, failure.getMessage());
                    return giveBack(r);
                }));
    }

    /**
     * Stores a code nobody is sent, for a phone that must look like one that was: wrong codes are then counted and
     * answered exactly as for a real one.
     */
    public Uni<Void> decoy(Reservation r) {
        return store(r, OtpCodes.newCode(), false, OtpChannel.SMS);
    }

    private Uni<Void> store(Reservation r, String code, boolean providerChecks, OtpChannel channel) {
        Instant sentAt = Times.now();
        String hash = code == null ? null : codes.hash(r.purpose(), r.phone(), code);
        return challenges.codeSent(r.challengeId(), r.phone().e164(), r.purpose().wireName(), hash, providerChecks,
                channel.wireName(), sentAt, sentAt.plus(config.lifetime()));
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
        return verifyChallenge(OtpChallengeDocument.key(purpose.wireName(), phone.e164()), phone, code)
                .replaceWithVoid();
    }

    /**
     * Checks the code of one registration (and uses it up): only the code sent for that registration confirms it.
     *
     * @return the registration's challenge, with the username and password hash chosen with it
     */
    public Uni<OtpChallengeDocument> verifyRegistration(String registrationId, PhoneNumber phone, String code) {
        if (registrationId == null || !registrationId.matches("[A-Za-z0-9_-]{16,64}")) {
            return fail("The code is not valid; request a new one");
        }
        return verifyChallenge(OtpChallengeDocument.registrationKey(registrationId), phone, code);
    }

    private Uni<OtpChallengeDocument> verifyChallenge(String id, PhoneNumber phone, String code) {
        Instant now = Times.now();
        return challenges.findById(id).flatMap(c -> {
            if (c == null || c.sentAt == null || c.consumedAt != null || c.codeHash == null && !c.providerChecked
                    || !phone.e164().equals(c.phoneNumber)) {
                return fail("The code is not valid; request a new one");
            }
            if (!c.expiresAt.isAfter(now)) {
                return fail("The code has expired; request a new one");
            }
            if (c.attempts >= config.maxAttempts()) {
                return fail("Too many wrong attempts; request a new code");
            }
            OtpPurpose purpose = OtpPurpose.ofWireName(c.purpose);
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
                            ? Uni.createFrom().item(c)
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
        return giveBack(r.budgets())
                .flatMap(v -> challenges.releaseCooldown(r.cooldownId(), r.cooldownUntil(), r.at()))
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
