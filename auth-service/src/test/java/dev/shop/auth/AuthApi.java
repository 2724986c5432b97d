package dev.shop.auth;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Drives auth-service over HTTP the way a client does. Every call comes from a random client IP (through
 * {@code X-Forwarded-For}, honoured from loopback), so per-IP limits only bite where a test means them to. OTP codes are
 * read from the console provider's file, exactly as {@code ./shop otp} does.
 */
public final class AuthApi {

    public static final String PASSWORD = "Tangerine-Harbor-42";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthApi() {
    }

    /** A fresh, valid Indian mobile number nobody used yet in this run. */
    public static String newPhone() {
        return "+9198" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    public static String randomIp() {
        return "10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
    }

    public static RequestSpecification client() {
        return client(randomIp());
    }

    public static RequestSpecification client(String ip) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON);
    }

    public static Path otpLog() {
        return Path.of(ConfigProvider.getConfig().getValue("shop.auth.otp.console.file", String.class));
    }

    /** The latest code sent to {@code phone} for {@code purpose}; waits a little for background sends. */
    public static String otp(String phone, String purpose) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            String code = latestCode(phone, purpose);
            if (code != null) {
                return code;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + purpose + " code for " + phone + " in " + otpLog());
            }
            sleep(50);
        }
    }

    /** The latest logged code, or null. */
    public static String latestCode(String phone, String purpose) {
        List<String> lines = logLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] parts = lines.get(i).split(" ");
            if (parts.length == 4 && parts[0].equals(phone) && parts[2].equals(purpose)) {
                return parts[1];
            }
        }
        return null;
    }

    public static List<String> logLines() {
        try {
            Path log = otpLog();
            return Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code that is certainly not the one sent. */
    public static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    public static Response register(String username, String phone, String password) {
        return client().body(Map.of("username", username, "phoneNumber", phone, "password", password))
                .post("/api/v1/auth/register");
    }

    public static Response verifyRegistration(String registrationId, String phone, String code) {
        return client().body(Map.of("registrationId", registrationId, "phoneNumber", phone, "otp", code))
                .post("/api/v1/auth/register/verify");
    }

    /** Registers and returns the registration id of the 202. */
    public static String registered(String username, String phone, String password) {
        return register(username, phone, password).then().statusCode(202).extract().path("registrationId");
    }

    public static Response login(String phone, String password) {
        return client().body(Map.of("phoneNumber", phone, "password", password)).post("/api/v1/auth/login");
    }

    /** A registered, active customer with a live session. */
    public static Session newCustomer() {
        String phone = newPhone();
        String registrationId = registered("user " + phone.substring(5), phone, PASSWORD);
        Response r = verifyRegistration(registrationId, phone, otp(phone, "register"));
        r.then().statusCode(201);
        return Session.of(phone, r);
    }

    /** Logs in, retrying while start-up provisioning may still be creating the account. */
    public static Session loginEventually(String phone, String password) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Response r = login(phone, password);
            if (r.statusCode() == 200 || System.nanoTime() > deadline) {
                r.then().statusCode(200);
                return Session.of(phone, r);
            }
            sleep(200);
        }
    }

    /** The bootstrap admin of the test profile. */
    public static Session admin() {
        return loginEventually("+919000000009", "Bootstrap#Admin2026");
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a login answered: the access token, the refresh cookie and the user id. */
    public record Session(String phone, String accessToken, String refreshToken, String userId, String setCookie) {

        static Session of(String phone, Response r) {
            return new Session(phone, r.path("accessToken"), r.getCookie("refresh_token"), r.path("user.id"),
                    r.getHeader("Set-Cookie"));
        }

        public RequestSpecification authorized() {
            return given().auth().oauth2(accessToken).contentType(ContentType.JSON);
        }
    }
}
