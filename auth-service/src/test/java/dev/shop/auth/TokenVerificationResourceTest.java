package dev.shop.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.auth.persistence.SigningKey;
import dev.shop.auth.persistence.SigningKeyStore;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestIssuer;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** auth-service verifies its own tokens for real: anything not signed by its keys, or not meant for the API, is 401. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class TokenVerificationResourceTest {

    @Inject
    SigningKeyStore keys;

    @Test
    void itsOwnTokenIsAccepted() {
        AuthApi.Session s = AuthApi.newCustomer();
        s.authorized().when().get("/api/v1/me").then().statusCode(200).body("id", equalTo(s.userId()));
        String sid = SessionResourceTest.sid(s.accessToken());
        given().auth().oauth2(ownKey(s.userId(), "shop-api", "http://localhost:8081/api/v1/auth", Instant.now(), null,
                sid)).when().get("/api/v1/me").then().statusCode(200);
        // signed with our key, but for no session there is: refused
        given().auth().oauth2(ownKey(s.userId(), "shop-api", "http://localhost:8081/api/v1/auth", Instant.now(), null))
                .when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void noTokenIsA401Problem() {
        given().when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void tokensOfAnotherIssuersKeyAreRefused() {
        AuthApi.Session s = AuthApi.newCustomer();
        given().auth().oauth2(TestTokens.customer(s.userId())).when().get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.forUser(s.userId()).issuer("http://localhost:8081/api/v1/auth")
                .signedWith(TestIssuer.foreignKey()).sign())
                .when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aForeignKeyUsingOurKeyIdIsRefused() {
        AuthApi.Session s = AuthApi.newCustomer();
        var foreign = TestIssuer.foreignKey();
        String token = Jwt.issuer("http://localhost:8081/api/v1/auth").subject(s.userId()).audience("shop-api")
                .groups(Set.of("customer", "admin")).claim("sid", "x").claim("jti", UUID.randomUUID().toString())
                .jws().keyId(keys.current().kid()).algorithm(SignatureAlgorithm.RS256)
                .sign(foreign.getRsaPrivateKey());
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void unsignedTokensAreRefused() {
        AuthApi.Session s = AuthApi.newCustomer();
        given().auth().oauth2(TestTokens.unsigned(s.userId())).when().get("/api/v1/me").then().statusCode(401);

        // alg none claiming our issuer and our key id
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + keys.current().kid() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"http://localhost:8081/api/v1/auth\",\"sub\":\"" + s.userId()
                + "\",\"aud\":\"shop-api\",\"groups\":[\"admin\"],\"sid\":\"x\",\"jti\":\"j\",\"iat\":" + now
                + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(header + "." + payload + ".").when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void expiredTokensAreRefused() {
        AuthApi.Session s = AuthApi.newCustomer();
        given().auth().oauth2(TestTokens.forUser(s.userId()).expired().sign()).when().get("/api/v1/me").then()
                .statusCode(401);
        given().auth().oauth2(ownKey(s.userId(), "shop-api", "http://localhost:8081/api/v1/auth",
                Instant.now().minus(Duration.ofHours(1)), null)).when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void wrongAudienceOrIssuerIsRefused() {
        AuthApi.Session s = AuthApi.newCustomer();
        given().auth().oauth2(TestTokens.forUser(s.userId()).audience("someone-else").sign())
                .when().get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(ownKey(s.userId(), "someone-else", "http://localhost:8081/api/v1/auth", Instant.now(),
                null)).when().get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(ownKey(s.userId(), "shop-api", "http://evil.example/api/v1/auth", Instant.now(), null))
                .when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void garbageIsRefused() {
        given().auth().oauth2("not-a-jwt").when().get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2("a.b.c").when().get("/api/v1/me").then().statusCode(401);
    }

    /** A token signed with this service's own current key, for claims the service itself would never issue. */
    private String ownKey(String subject, String audience, String issuer, Instant issuedAt, String kid) {
        return ownKey(subject, audience, issuer, issuedAt, kid, UUID.randomUUID().toString());
    }

    private String ownKey(String subject, String audience, String issuer, Instant issuedAt, String kid, String sid) {
        SigningKey key = keys.current();
        return Jwt.issuer(issuer).subject(subject).audience(audience).groups(Set.of("customer"))
                .claim("sid", sid).claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt).expiresAt(issuedAt.plus(Duration.ofMinutes(15)))
                .jws().keyId(kid == null ? key.kid() : kid).algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
    }
}
