package dev.shop.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * One simulated user agent: its own client address (sent as the trusted balancer's {@code X-Forwarded-For}, see
 * {@link SystemStack}), and once signed in its access and refresh tokens. Everything goes through the gateway.
 */
public final class Client {

    public static final String DEMO_ADMIN_PHONE = "+919000000001";
    public static final String DEMO_ADMIN_PASSWORD = "Admin#2026demo";
    public static final String DEMO_CUSTOMER_PHONE = "+919000000002";
    public static final String DEMO_CUSTOMER_PASSWORD = "Customer#2026demo";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Addresses 10.x.y.z from a random start, so a run attached to a running stack gets fresh buckets too. */
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(RANDOM.nextInt(1 << 22));

    private final String address;
    private volatile String phone;
    private volatile String password;
    private volatile String userId;
    private volatile String accessToken;
    private volatile String refreshToken;

    private Client(String address) {
        this.address = address;
    }

    /** Someone who has not signed in (yet), from an address of their own. */
    public static Client visitor() {
        int n = NEXT_ADDRESS.incrementAndGet() & 0xFFFFFF;
        return new Client("10." + (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF));
    }

    /** A new customer, registered with a password confirmed by the code from the OTP log, signed in. */
    public static Client registeredCustomer() {
        return visitor().register("buyer-" + RANDOM.nextInt(1_000_000), Phones.next(), strongPassword());
    }

    /** A new customer, created by a passwordless OTP sign-in (cheaper than a password: no hashing), signed in. */
    public static Client otpCustomer() {
        return visitor().signInByOtp(Phones.next(), "Test Buyer");
    }

    /** The demo admin of local mode, signed in with a session of its own. */
    public static Client demoAdmin() {
        return visitor().login(DEMO_ADMIN_PHONE, DEMO_ADMIN_PASSWORD);
    }

    public static String strongPassword() {
        return "Tangerine-Harbor-" + (100_000 + RANDOM.nextInt(900_000));
    }

    // ------------------------------------------------------------------ requests

    /** A request from this client: its address and, when signed in, its access token. */
    public RequestSpecification request() {
        RequestSpecification request = anonymous();
        String token = accessToken;
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** A request from this client's address without its token. */
    public RequestSpecification anonymous() {
        return Http.gateway().header("X-Forwarded-For", address);
    }

    /** A request with a JSON body. */
    public RequestSpecification json(Object body) {
        return request().contentType(ContentType.JSON).body(body);
    }

    // ------------------------------------------------------------------ accounts

    /** {@code POST /auth/register}, then {@code /auth/register/verify} with the code from the OTP log. */
    public Client register(String username, String phone, String password) {
        Instant since = Otp.mark();
        Response registered = anonymous().contentType(ContentType.JSON)
                .body(Map.of("username", username, "phoneNumber", phone, "password", password))
                .post("/api/v1/auth/register");
        assertThat(registered.statusCode()).as("register %s: %s", phone, registered.asString()).isEqualTo(202);
        String registrationId = registered.path("registrationId");
        String code = Otp.await(phone, "register", since);
        Response verified = anonymous().contentType(ContentType.JSON)
                .body(Map.of("registrationId", registrationId, "phoneNumber", phone, "otp", code))
                .post("/api/v1/auth/register/verify");
        assertThat(verified.statusCode()).as("verify %s: %s", phone, verified.asString()).isEqualTo(201);
        this.password = password;
        return signedIn(phone, verified);
    }

    /** Passwordless: {@code POST /auth/otp/request}, then {@code /auth/otp/verify} (creates the account if new). */
    public Client signInByOtp(String phone, String fullName) {
        Instant since = Otp.mark();
        Response requested = anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", phone, "channel", "sms")).post("/api/v1/auth/otp/request");
        assertThat(requested.statusCode()).as("otp request %s: %s", phone, requested.asString()).isEqualTo(202);
        String code = Otp.await(phone, "login", since);
        Response verified = anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", phone, "otp", code, "fullName", fullName))
                .post("/api/v1/auth/otp/verify");
        assertThat(verified.statusCode()).as("otp verify %s: %s", phone, verified.asString()).isEqualTo(200);
        return signedIn(phone, verified);
    }

    /** {@code POST /auth/login} with a password. */
    public Client login(String phone, String password) {
        Response response = anonymous().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", phone, "password", password)).post("/api/v1/auth/login");
        assertThat(response.statusCode()).as("login %s: %s", phone, response.asString()).isEqualTo(200);
        this.password = password;
        return signedIn(phone, response);
    }

    /** Signs in again with the same phone and password (a new session). */
    public Client login() {
        return login(phone, password);
    }

    /** {@code POST /auth/refresh} with the refresh cookie; keeps the rotated tokens. */
    public Response refresh() {
        Response response = anonymous().cookie("refresh_token", refreshToken).post("/api/v1/auth/refresh");
        if (response.statusCode() == 200) {
            accessToken = response.path("accessToken");
            refreshToken = response.getCookie("refresh_token");
        }
        return response;
    }

    private Client signedIn(String phone, Response tokens) {
        this.phone = phone;
        this.userId = tokens.path("user.id");
        this.accessToken = tokens.path("accessToken");
        this.refreshToken = tokens.getCookie("refresh_token");
        assertThat(accessToken).as("access token in %s", tokens.asString()).isNotBlank();
        assertThat(refreshToken).as("refresh_token cookie of %s", phone).isNotBlank();
        return this;
    }

    /** Forgets the tokens (as a client that logged out locally) without telling the server. */
    public void forgetTokens() {
        accessToken = null;
        refreshToken = null;
    }

    public String address() {
        return address;
    }

    public String phone() {
        return phone;
    }

    public String password() {
        return password;
    }

    public String userId() {
        return userId;
    }

    public String accessToken() {
        return accessToken;
    }

    public String refreshToken() {
        return refreshToken;
    }
}
