package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import dev.shop.auth.persistence.OtpChallengeRepository;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.SignInLocked;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * No public route tells a phone with an account from one without: the answers are compared side by side (status,
 * body, timing). Registration and the passwordless request are compared in their own tests; forgot-password in
 * {@link PasswordResourceTest}.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AccountEnumerationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    OtpChallengeRepository challenges;

    @Inject
    MongoClient mongo;

    @Test
    void registeringAKnownOrANewPhoneTakesAsLong() {
        int samples = 9;
        // the accounts are made first: the work a new account starts in the background (its events being published)
        // must not land inside the timed requests of one side only
        List<AuthApi.Session> owners = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            AuthApi.Session owner = AuthApi.newCustomer();
            OtpRulesResourceTest.ageCooldown(challenges, "register", owner.phone());
            owners.add(owner);
        }
        long[] known = new long[samples];
        long[] unknown = new long[samples];
        for (int i = 0; i < samples; i++) {
            // alternate which side goes first, so a slower first or second request favours neither
            boolean knownFirst = i % 2 == 0;
            if (knownFirst) {
                known[i] = timedRegistration(owners.get(i).phone());
                unknown[i] = timedRegistration(AuthApi.newPhone());
            } else {
                unknown[i] = timedRegistration(AuthApi.newPhone());
                known[i] = timedRegistration(owners.get(i).phone());
            }
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        // both hash the password and send a message: a path without the ~50 ms hash would stand out
        assertThat(Math.abs(knownMedian - unknownMedian)).as("known %s, unknown %s", Arrays.toString(known),
                Arrays.toString(unknown)).isLessThanOrEqualTo(Math.max(25, Math.min(knownMedian, unknownMedian) / 2));
    }

    private static long timedRegistration(String phone) {
        long t0 = System.nanoTime();
        Response answer = AuthApi.register("timing", phone, "Timing-Passphrase-5");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        answer.then().statusCode(202);
        return millis;
    }

    @Test
    void repeatedFailedSignInsLockAPhoneWhetherOrNotItHasAnAccount() {
        AuthApi.Session owner = AuthApi.newCustomer();
        String stranger = AuthApi.newPhone();
        for (int i = 0; i < 5; i++) {
            String a = AuthApi.login(owner.phone(), "Wrong-Passphrase-" + i).then().statusCode(401).extract()
                    .asString();
            String b = AuthApi.login(stranger, "Wrong-Passphrase-" + i).then().statusCode(401).extract().asString();
            assertThat(withoutTraceId(a)).isEqualTo(withoutTraceId(b));
        }
        // the sixth attempt is refused before the password is even looked at: the right one too
        Response locked = AuthApi.login(owner.phone(), AuthApi.PASSWORD);
        Response lockedStranger = AuthApi.login(stranger, AuthApi.PASSWORD);
        locked.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, greaterThan(0))
                .body("type", equalTo("/problems/rate-limited"));
        lockedStranger.then().statusCode(429);
        // Same answer; the wait differs only by the seconds between the two phones' first failures.
        assertThat(withoutRetryAfter(withoutTraceId(locked.asString())))
                .isEqualTo(withoutRetryAfter(withoutTraceId(lockedStranger.asString())));
        assertThat(Integer.parseInt(locked.header("Retry-After")))
                .isCloseTo(Integer.parseInt(lockedStranger.header("Retry-After")), org.assertj.core.api.Assertions.within(5));
        // another phone from the same address is not affected
        AuthApi.Session other = AuthApi.newCustomer();
        AuthApi.login(other.phone(), AuthApi.PASSWORD).then().statusCode(200);
        // and the locked owner can still sign in with a code
        AuthApi.client().body(Map.of("phoneNumber", owner.phone(), "channel", "sms")).post("/api/v1/auth/otp/request")
                .then().statusCode(202);
        AuthApi.client().body(Map.of("phoneNumber", owner.phone(), "otp", AuthApi.otp(owner.phone(), "login")))
                .post("/api/v1/auth/otp/verify").then().statusCode(200);
    }

    @Test
    void theLockOfAnAccountIsAnnouncedOnceAndTheLockOfAnUnknownNumberNever() {
        AuthApi.Session owner = AuthApi.newCustomer();
        String stranger = AuthApi.newPhone();
        String address = "198.51.100.23";
        try (TopicProbe users = TopicProbe.open(Topics.IDENTITY_USERS)) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                String a = signIn(address, owner.phone(), "Wrong-Passphrase-" + i).then().statusCode(401).extract()
                        .asString();
                String b = signIn(address, stranger, "Wrong-Passphrase-" + i).then().statusCode(401).extract()
                        .asString();
                assertThat(withoutTraceId(a)).isEqualTo(withoutTraceId(b));
            }
            // refused sign-ins of the locked number announce nothing more
            for (int i = 0; i < 3; i++) {
                signIn(address, owner.phone(), AuthApi.PASSWORD).then().statusCode(429);
                signIn(address, stranger, AuthApi.PASSWORD).then().statusCode(429);
            }

            List<EventEnvelope> locks = users.await(r -> owner.userId().equals(r.key())
                    && SignInLocked.TYPE.equals(EventJson.read(r.value()).type()), 1, WAIT).stream()
                    .map(r -> EventJson.read(r.value())).toList();
            SignInLocked locked = EventJson.dataAs(locks.get(0), SignInLocked.class);
            assertThat(locks.get(0).aggregateId()).isEqualTo(owner.userId());
            assertThat(locks.get(0).source()).isEqualTo("auth-service");
            assertThat(locked.userId()).isEqualTo(owner.userId());
            assertThat(locked.phoneNumber()).isEqualTo(owner.phone());
            assertThat(locked.failedAttempts()).isEqualTo(5);
            assertThat(locked.windowSeconds()).isEqualTo(900);
            assertThat(locked.clientAddress()).isEqualTo(address);
            assertThat(locked.lockedAt()).isAfterOrEqualTo(before);
            assertThat(locked.lockedUntil()).isAfter(locked.lockedAt())
                    .isBeforeOrEqualTo(locked.lockedAt().plusSeconds(900));

            // The relay has emptied the owner's window: whatever it held is on the topic, before an event of the
            // owner's account written after that (same key, same partition). The stranger's window never held one.
            Document ownerWindow = awaitWindow(owner.phone(), w -> w.getList("outbox", Document.class) != null
                    && w.getList("outbox", Document.class).isEmpty());
            Document strangerWindow = awaitWindow(stranger, w -> w.get("lockedAt") != null);
            assertThat(ownerWindow.getInteger("count")).isEqualTo(5);
            assertThat(strangerWindow.containsKey("outbox")).as("stranger's window %s", strangerWindow).isFalse();
            owner.authorized().body(Map.of("fullName", "Locked Out")).patch("/api/v1/me").then().statusCode(200);
            users.await(r -> owner.userId().equals(r.key()) && "UserUpdated".equals(EventJson.read(r.value()).type()),
                    1, WAIT);
            // (the account's UserRegistered may be published after the probe opened, too)
            assertThat(users.await(r -> owner.userId().equals(r.key()), 1, WAIT).stream()
                    .map(r -> EventJson.read(r.value()).type()).filter(type -> !"UserRegistered".equals(type)))
                    .containsExactly(SignInLocked.TYPE, "UserUpdated");
            assertThat(users.await(r -> r.value().contains(stranger), 0, WAIT)).isEmpty();
        }
    }

    @Test
    void aSuccessfulSignInStartsTheCountAgain() {
        AuthApi.Session s = AuthApi.newCustomer();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                AuthApi.login(s.phone(), "Wrong-Passphrase-" + i).then().statusCode(401);
            }
            AuthApi.login(s.phone(), AuthApi.PASSWORD).then().statusCode(200);
        }
    }

    private static Response signIn(String address, String phone, String password) {
        return AuthApi.client(address).body(Map.of("phoneNumber", phone, "password", password))
                .post("/api/v1/auth/login");
    }

    /** The phone number's current sign-in window in {@code login_attempts}, once it satisfies {@code done}. */
    private Document awaitWindow(String phone, Predicate<Document> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Document window = mongo.getDatabase("shop_auth").getCollection("login_attempts")
                    .find(Filters.regex("_id", "^login:" + Pattern.quote(phone) + ":")).first();
            if (window != null && done.test(window)) {
                return window;
            }
            assertThat(System.nanoTime()).as("window of %s: %s", phone, window).isLessThan(deadline);
            AuthApi.sleep(50);
        }
    }

    private static String withoutTraceId(String body) {
        return body.replaceAll("\"traceId\":\"[^\"]*\"", "");
    }

    private static String withoutRetryAfter(String body) {
        return body.replaceAll("\"retryAfterSeconds\":\\d+", "");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
