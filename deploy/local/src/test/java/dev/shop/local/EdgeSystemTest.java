package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.shop.testkit.EmbeddedKafka;
import dev.shop.testkit.EmbeddedMongo;

/**
 * The sign-up, sign-in and edge rules where the gateway is part of the path: the packaged auth-service and two packaged
 * gateways (one with {@code shop.gateway.trusted-proxies} unset, one trusting loopback as if it were the load balancer
 * in front), started by the launcher's own machinery against an embedded MongoDB-wire server and Kafka broker. Requires
 * {@code auth-service} and {@code gateway} to be packaged (the reactor builds them before this module).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeSystemTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD = "Tangerine-Harbor-42";
    /** The per-address OTP budget auth-service gets here: small, so exceeding it takes few requests. */
    private static final int PER_ADDRESS = 5;

    @TempDir
    static Path root;

    private EmbeddedMongo mongo;
    private EmbeddedKafka kafka;
    private LocalStack stack;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path otpLog;
    private String auth;
    private String gateway;
    private String gatewayBehindBalancer;
    private String gatewayManagement;

    @BeforeAll
    void startTheStack() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent().getParent();
        Path authJar = repository.resolve("auth-service/target/quarkus-app/quarkus-run.jar");
        Path gatewayJar = repository.resolve("gateway/target/quarkus-app/quarkus-run.jar");
        assertThat(authJar).as("auth-service must be packaged before this test").isRegularFile();
        assertThat(gatewayJar).as("the gateway must be packaged before this test").isRegularFile();

        mongo = EmbeddedMongo.inMemory();
        kafka = EmbeddedKafka.ephemeral();
        otpLog = root.resolve("data/dev-otp.log");

        int authPort = TestComponents.freePort();
        int authManagement = TestComponents.freePort();
        Map<String, String> authEnv = new HashMap<>();
        authEnv.put("QUARKUS_HTTP_PORT", String.valueOf(authPort));
        authEnv.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(authManagement));
        authEnv.put("SHOP_AUTH_ISSUER", "http://localhost:" + authPort + "/api/v1/auth");
        authEnv.put("SHOP_AUTH_OTP_PROVIDER", "console");
        authEnv.put("SHOP_AUTH_OTP_CONSOLE_FILE", otpLog.toString());
        authEnv.put("SHOP_AUTH_KEYS_DIR", root.resolve("data/keys").toString());
        authEnv.put("SHOP_AUTH_OTP_PER_IP_PER_HOUR", String.valueOf(PER_ADDRESS));
        authEnv.put("SHOP_AUTH_OTP_RESEND_COOLDOWN", "1s");

        int gatewayPort = TestComponents.freePort();
        int behindPort = TestComponents.freePort();
        int managementPort = TestComponents.freePort();
        Map<String, String> gatewayEnv = new HashMap<>();
        gatewayEnv.put("SHOP_GATEWAY_UPSTREAMS_AUTH_URL", "http://127.0.0.1:" + authPort);
        gatewayEnv.put("SHOP_GATEWAY_UPSTREAMS_AUTH_MANAGEMENT_URL", "http://127.0.0.1:" + authManagement);
        gatewayEnv.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://localhost:" + authPort + "/api/v1/auth");
        // the sign-in routes' buckets are not what these tests look at
        gatewayEnv.put("SHOP_GATEWAY_RATE_LIMITS_STRICT_CAPACITY", "1000");
        Map<String, String> plain = new HashMap<>(gatewayEnv);
        plain.put("QUARKUS_HTTP_PORT", String.valueOf(gatewayPort));
        plain.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        Map<String, String> behind = new HashMap<>(gatewayEnv);
        behind.put("QUARKUS_HTTP_PORT", String.valueOf(behindPort));
        behind.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(TestComponents.freePort()));
        behind.put("SHOP_GATEWAY_TRUSTED_PROXIES", "127.0.0.1");

        List<Component> components = List.of(
                quarkus("auth", authJar, authEnv, authPort, Stage.SERVICES),
                quarkus("gateway", gatewayJar, plain, gatewayPort, Stage.GATEWAY),
                quarkus("gateway-behind-balancer", gatewayJar, behind, behindPort, Stage.GATEWAY));
        stack = new LocalStack(new StackHome(root), components, Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", mongo.connectionString(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SHOP_DATA_DIR", root.resolve("data").toString()),
                Duration.ofMinutes(4), Duration.ofSeconds(20), "READY", new PrintStream(out, true),
                new PrintStream(err, true));
        assertThat(stack.start(true)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        auth = "http://127.0.0.1:" + authPort;
        gateway = "http://127.0.0.1:" + gatewayPort;
        gatewayBehindBalancer = "http://127.0.0.1:" + behindPort;
        gatewayManagement = "http://127.0.0.1:" + managementPort;
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    // ------------------------------------------------------------------ 1: pending-account takeover

    @Test
    void aSecondRegistrationThroughTheGatewayCannotTakeOverAPendingOne() throws Exception {
        String phone = newPhone();
        String victims = registrationId(post(gatewayBehindBalancer, "/api/v1/auth/register",
                registration("victim", phone, PASSWORD), "203.0.113.10"));
        String victimsCode = awaitCode(phone, "register", null);
        String attackers = registrationId(awaitAccepted(gatewayBehindBalancer, "/api/v1/auth/register",
                registration("attacker", phone, "Attackers-Passphrase-77"), "203.0.113.11"));
        String attackersCode = awaitCode(phone, "register", victimsCode);

        // the newest code the victim got was sent for the attacker's registration: it confirms nothing for them
        HttpResponse<String> wrong = post(gateway, "/api/v1/auth/register/verify",
                verification(victims, phone, attackersCode), null);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.body()).contains("/problems/invalid-otp");
        HttpResponse<String> confirmed = post(gateway, "/api/v1/auth/register/verify",
                verification(victims, phone, victimsCode), null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
        assertThat(confirmed.body()).contains("\"username\":\"victim\"");

        assertThat(post(gateway, "/api/v1/auth/login", login(phone, "Attackers-Passphrase-77"), null).statusCode())
                .isEqualTo(401);
        assertThat(post(gateway, "/api/v1/auth/login", login(phone, PASSWORD), null).statusCode()).isEqualTo(200);
        // the attacker's own code, on their own registration, signs in to the victim's account with the victim's
        // password unchanged: proving the phone is all it takes, and the attacker does not hold the phone
        HttpResponse<String> late = post(gateway, "/api/v1/auth/register/verify",
                verification(attackers, phone, attackersCode), null);
        assertThat(late.body()).contains("\"username\":\"victim\"");
        assertThat(post(gateway, "/api/v1/auth/login", login(phone, "Attackers-Passphrase-77"), null).statusCode())
                .isEqualTo(401);
    }

    // ------------------------------------------------------------------ 2: forwarded addresses

    @Test
    void withNoTrustedProxyAForgedForwardedForCannotResetThePerAddressBudget() throws Exception {
        String refusal = null;
        for (int i = 0; i < PER_ADDRESS + 1 && refusal == null; i++) {
            HttpResponse<String> r = post(gateway, "/api/v1/auth/otp/request", otpRequest(newPhone()),
                    "198.51.100." + (i + 1));
            if (r.statusCode() == 429) {
                refusal = r.body();
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
        }
        // every request counted against the gateway's view of the client (this test's address), forged or not
        assertThat(refusal).as("the budget of one address ran out").isNotNull().contains("this address");
    }

    @Test
    void behindATrustedBalancerOnlyTheAddressItVouchesForCounts() throws Exception {
        // the balancer (loopback here) appends the real client, 203.0.113.50; the client forged what comes before
        String refusal = null;
        for (int i = 0; i < PER_ADDRESS + 1 && refusal == null; i++) {
            HttpResponse<String> r = post(gatewayBehindBalancer, "/api/v1/auth/otp/request", otpRequest(newPhone()),
                    "6.6.6." + (i + 1) + ", 203.0.113.50");
            if (r.statusCode() == 429) {
                refusal = r.body();
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
        }
        assertThat(refusal).as("the budget of 203.0.113.50 ran out").isNotNull().contains("this address");
        // another real client behind the same balancer has a budget of its own
        HttpResponse<String> other = post(gatewayBehindBalancer, "/api/v1/auth/otp/request", otpRequest(newPhone()),
                "6.6.6.6, 203.0.113.51");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
    }

    // ------------------------------------------------------------------ 3: enumeration

    @Test
    void registeringAPhoneWithAnAccountThroughTheGatewayLooksLikeANewOne() throws Exception {
        String owner = newPhone();
        String id = registrationId(post(gatewayBehindBalancer, "/api/v1/auth/register",
                registration("owner", owner, PASSWORD), "203.0.113.20"));
        assertThat(post(gateway, "/api/v1/auth/register/verify", verification(id, owner, awaitCode(owner,
                "register", null)), null).statusCode()).isEqualTo(201);

        HttpResponse<String> known = awaitAccepted(gatewayBehindBalancer, "/api/v1/auth/register",
                registration("someone", owner, "Another-Passphrase-9"), "203.0.113.21");
        HttpResponse<String> unknown = post(gatewayBehindBalancer, "/api/v1/auth/register",
                registration("someone", newPhone(), "Another-Passphrase-9"), "203.0.113.22");
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(202);
        assertThat(known.body().replace(registrationId(known), "<id>"))
                .isEqualTo(unknown.body().replace(registrationId(unknown), "<id>"));
        assertThat(awaitCode(owner, "account-exists", null)).matches("[0-9]{6}");
    }

    // ------------------------------------------------------------------ 6 and 8: the edge

    @Test
    void metricsAndDocumentsAreOnlyOnTheManagementPorts() throws Exception {
        assertThat(get(gateway + "/q/metrics").statusCode()).isEqualTo(404);
        assertThat(get(gateway + "/q/openapi").statusCode()).isEqualTo(404);
        assertThat(get(gateway + "/q/health/ready").statusCode()).isEqualTo(200);
        assertThat(get(gatewayManagement + "/q/metrics").body()).contains("gateway_requests_seconds");
        HttpResponse<String> merged = get(gatewayManagement + "/q/openapi?format=json");
        assertThat(merged.body()).contains("/api/v1/auth/register/verify");
        assertThat(get(auth + "/q/openapi").statusCode()).isEqualTo(404);
    }

    @Test
    void hostileInputThroughTheGatewayIsA4xxProblemNeverA500() throws Exception {
        HttpResponse<String> duplicate = post(gateway, "/api/v1/auth/login",
                "{\"phoneNumber\":\"+919876500001\",\"password\":\"x\",\"phoneNumber\":\"+919876500002\"}", null);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(duplicate.body()).contains("phoneNumber");

        HttpResponse<String> coerced = post(gateway, "/api/v1/auth/login",
                "{\"phoneNumber\":9876500001,\"password\":\"x\"}", null);
        assertThat(coerced.statusCode()).isEqualTo(400);
        assertThat(coerced.body()).contains("phoneNumber");

        HttpResponse<String> longLine = get(gateway + "/api/v1/products?q=" + "a".repeat(9_000));
        assertThat(longLine.statusCode()).isEqualTo(414);
        assertThat(longLine.body()).contains("\"status\":414");
    }

    // ------------------------------------------------------------------ helpers

    private Component quarkus(String name, Path jar, Map<String, String> environment, int port, Stage stage) {
        return new Component(name, stage, jar.toString(),
                List.of("-Xms32m", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-Dquarkus.profile=prod", "-jar",
                        jar.toString()),
                environment, List.of(port), HealthCheck.http(port, "/q/health/ready"));
    }

    private static String newPhone() {
        return "+9198" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    private static String registration(String username, String phone, String password) {
        return "{\"username\":\"" + username + "\",\"phoneNumber\":\"" + phone + "\",\"password\":\"" + password
                + "\"}";
    }

    private static String verification(String registrationId, String phone, String code) {
        return "{\"registrationId\":\"" + registrationId + "\",\"phoneNumber\":\"" + phone + "\",\"otp\":\"" + code
                + "\"}";
    }

    private static String login(String phone, String password) {
        return "{\"phoneNumber\":\"" + phone + "\",\"password\":\"" + password + "\"}";
    }

    private static String otpRequest(String phone) {
        return "{\"phoneNumber\":\"" + phone + "\",\"channel\":\"sms\"}";
    }

    private static String registrationId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Matcher m = Pattern.compile("\"registrationId\":\"([^\"]+)\"").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return m.group(1);
    }

    /** Sends once the phone's resend cooldown (1 s here) has passed: retries the cooldown's 429 only. */
    private static HttpResponse<String> awaitAccepted(String base, String path, String body, String client)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> r = post(base, path, body, "6.6.6.6, " + client);
        while (r.statusCode() == 429 && r.body().contains("moments ago") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = post(base, path, body, "6.6.6.6, " + client);
        }
        return r;
    }

    /** The latest code the console provider wrote for {@code phone} and {@code purpose}, other than {@code not}. */
    private String awaitCode(String phone, String purpose, String not) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(otpLog)) {
                List<String> lines = Files.readAllLines(otpLog, StandardCharsets.UTF_8);
                for (int i = lines.size() - 1; i >= 0; i--) {
                    String[] parts = lines.get(i).split(" ");
                    if (parts.length == 4 && parts[0].equals(phone) && parts[2].equals(purpose)) {
                        if (!parts[1].equals(not)) {
                            return parts[1];
                        }
                        break;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new " + purpose + " code for " + phone + " in " + otpLog);
    }

    private static HttpResponse<String> post(String base, String path, String json, String forwardedFor)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
