package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class FakeCardPaymentTest {

    private static final String ORDER = "6560b2e3d4c5b6a701234567";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path root;

    @Test
    void signsAsStandardWebhooksDoes() {
        // The example of the Standard Webhooks specification; order-service verifies the same way.
        assertThat(FakeCardPayment.sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theLastSessionOfTheOrderIsPaid() throws Exception {
        Path sessions = root.resolve("sessions.log");
        Files.writeString(sessions, String.join("\n",
                "fcs_old " + ORDER + " 100 INR 2026-12-01T10:15:00Z",
                "fcs_other 6560b2e3d4c5b6a701234568 200 INR 2026-12-01T10:16:00Z",
                "fcs_new " + ORDER + " 129900 INR 2026-12-01T10:30:00Z", ""));

        assertThat(FakeCardPayment.latestSession(sessions, ORDER)).hasValue(
                new FakeCardPayment.Session("fcs_new", ORDER, 129_900, "INR", "2026-12-01T10:30:00Z"));
        assertThat(FakeCardPayment.latestSession(sessions, "6560b2e3d4c5b6a701234569")).isEmpty();
        assertThat(FakeCardPayment.latestSession(root.resolve("absent"), ORDER)).isEmpty();
    }

    @Test
    void payPostsTheSignedWebhookForTheSessionsAmountToTheGateway() throws Exception {
        StackHome home = new StackHome(root);
        Files.createDirectories(home.fakeCardSecret().getParent());
        Files.writeString(home.fakeCardSecret(), SECRET + "\n");
        Files.writeString(home.fakeCardSessions(), "fcs_abc " + ORDER + " 129900 INR 2026-12-01T10:30:00Z\n");
        Map<String, String> received = new ConcurrentHashMap<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/v1/payments/webhooks/fake-card", exchange -> {
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            for (String h : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                received.put(h, exchange.getRequestHeaders().getFirst(h));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        gateway.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int status = FakeCardPayment.command(home, gateway.getAddress().getPort(), List.of(ORDER),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(status).isZero();
        } finally {
            gateway.stop(0);
        }

        String body = received.get("body");
        assertThat(body).contains("\"type\":\"payment.succeeded\"", "\"orderId\":\"" + ORDER + "\"",
                "\"sessionId\":\"fcs_abc\"", "\"amount\":{\"amount\":129900,\"currency\":\"INR\"}");
        long timestamp = Long.parseLong(received.get("webhook-timestamp"));
        assertThat(timestamp).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(5L));
        assertThat(received.get("webhook-signature"))
                .isEqualTo(FakeCardPayment.sign(SECRET, received.get("webhook-id"), timestamp, body));
        assertThat(body).contains("\"id\":\"" + received.get("webhook-id") + "\"");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("paid 129900 INR", "client return proof");
    }

    @Test
    void payExplainsWhatIsMissing() throws Exception {
        StackHome home = new StackHome(root);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(FakeCardPayment.command(home, 1, List.of("not-an-order"), System.out, errors)).isEqualTo(2);
        assertThat(FakeCardPayment.command(home, 1, List.of(ORDER), System.out, errors)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no payment session yet");

        Files.createDirectories(home.dataDir());
        Files.writeString(home.fakeCardSessions(), "fcs_abc " + ORDER + " 100 INR 2026-12-01T10:30:00Z\n");
        assertThat(FakeCardPayment.command(home, 1, List.of(ORDER), System.out, errors)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("start the stack first");
    }
}
