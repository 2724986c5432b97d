package dev.shop.order.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.kit.problem.ProblemException;

/** The Standard Webhooks signature: the specification's published example, and every way a delivery is refused. */
class StandardWebhooksTest {

    // The example of the Standard Webhooks specification (and its reference libraries).
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final byte[] KEY = StandardWebhooks.key(SECRET);

    private static Map<String, String> headers(String id, long timestamp, String signature) {
        Map<String, String> h = new HashMap<>();
        h.put(StandardWebhooks.ID, id);
        h.put(StandardWebhooks.TIMESTAMP, String.valueOf(timestamp));
        h.put(StandardWebhooks.SIGNATURE, signature);
        return h;
    }

    @Test
    void signsThePublishedExample() {
        assertThat(StandardWebhooks.sign(KEY, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(StandardWebhooks.verify(KEY, headers(ID, TIMESTAMP, SIGNATURE), BODY,
                Instant.ofEpochSecond(TIMESTAMP + 299), TOLERANCE)).isEqualTo(ID);
    }

    @Test
    void anyOfSeveralSignaturesMaySignWhileSecretsRotate() {
        String old = StandardWebhooks.sign(StandardWebhooks.key(StandardWebhooks.newSecret()), ID, TIMESTAMP, BODY);
        assertThat(StandardWebhooks.verify(KEY, headers(ID, TIMESTAMP, old + " " + SIGNATURE), BODY,
                Instant.ofEpochSecond(TIMESTAMP), TOLERANCE)).isEqualTo(ID);
    }

    @Test
    void unsignedTamperedReIdentifiedAndStaleDeliveriesAre401() {
        Instant now = Instant.ofEpochSecond(TIMESTAMP);
        assertRefused(new HashMap<>(), BODY, now, "Unsigned");
        Map<String, String> noSignature = headers(ID, TIMESTAMP, SIGNATURE);
        noSignature.remove(StandardWebhooks.SIGNATURE);
        assertRefused(noSignature, BODY, now, "Unsigned");

        assertRefused(headers(ID, TIMESTAMP, SIGNATURE), "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
                now, "does not match");
        assertRefused(headers("msg_other", TIMESTAMP, SIGNATURE), BODY, now, "does not match");
        assertRefused(headers(ID, TIMESTAMP + 1, SIGNATURE), BODY, now, "does not match");
        assertRefused(headers(ID, TIMESTAMP, "v1,bm90IGEgc2lnbmF0dXJl"), BODY, now, "does not match");
        assertRefused(headers(ID, TIMESTAMP, "v2," + SIGNATURE.substring(3)), BODY, now, "does not match");
        assertRefused(headers(ID, TIMESTAMP, SIGNATURE), BODY, now.plusSeconds(301), "Stale");
        assertRefused(headers(ID, TIMESTAMP, SIGNATURE), BODY, now.minusSeconds(301), "Stale");
        Map<String, String> badTime = headers(ID, TIMESTAMP, SIGNATURE);
        badTime.put(StandardWebhooks.TIMESTAMP, "yesterday");
        assertRefused(badTime, BODY, now, "Malformed");
    }

    private static void assertRefused(Map<String, String> headers, byte[] body, Instant now, String why) {
        assertThatThrownBy(() -> StandardWebhooks.verify(KEY, headers, body, now, TOLERANCE))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains(why);
                });
    }
}
