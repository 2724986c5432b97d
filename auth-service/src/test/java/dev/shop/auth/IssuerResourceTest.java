package dev.shop.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.auth.persistence.SigningKey;
import dev.shop.auth.persistence.SigningKeyStore;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class IssuerResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SigningKeyStore keys;

    @Test
    void discoveryNamesTheIssuerAndItsJwks() {
        given().when().get("/api/v1/auth/.well-known/openid-configuration")
                .then().statusCode(200)
                .body("issuer", equalTo("http://localhost:8081/api/v1/auth"))
                .body("jwks_uri", equalTo("http://localhost:8081/api/v1/auth/jwks"))
                .body("id_token_signing_alg_values_supported", hasItem("RS256"));
    }

    @Test
    void jwksPublishesTheCurrentKeyWithoutPrivateParts() {
        String body = given().when().get("/api/v1/auth/jwks")
                .then().statusCode(200)
                .body("keys.kid", hasItem(keys.current().kid()))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].n", notNullValue())
                .extract().asString();
        assertThat(body).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
    }

    @Test
    void accessTokensCarryTheAgreedHeaderAndClaims() throws Exception {
        AuthApi.Session s = AuthApi.newCustomer();
        String[] parts = s.accessToken().split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));

        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(keys.current().kid());
        assertThat(claims.get("iss").asText()).isEqualTo("http://localhost:8081/api/v1/auth");
        assertThat(claims.get("sub").asText()).isEqualTo(s.userId());
        assertThat(claims.get("aud").toString()).contains("shop-api");
        assertThat(claims.get("groups").toString()).isEqualTo("[\"customer\"]");
        assertThat(claims.get("sid").asText()).matches("[0-9a-f]{32}");
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);
    }

    @Test
    void afterARotationOldTokensStillVerifyAndNewOnesUseTheNewKey() {
        AuthApi.Session before = AuthApi.newCustomer();
        String oldKid = keys.current().kid();

        SigningKey next = keys.rotate();

        assertThat(next.kid()).isNotEqualTo(oldKid);
        JsonPath jwks = given().when().get("/api/v1/auth/jwks").then().statusCode(200).body("keys", hasSize(2))
                .extract().jsonPath();
        assertThat(jwks.getList("keys.kid")).containsExactly(next.kid(), oldKid);
        before.authorized().when().get("/api/v1/me").then().statusCode(200);

        AuthApi.Session after = AuthApi.loginEventually(before.phone(), AuthApi.PASSWORD);
        String header = new String(Base64.getUrlDecoder().decode(after.accessToken().split("\\.")[0]),
                StandardCharsets.UTF_8);
        assertThat(header).contains("\"kid\":\"" + next.kid() + "\"");
        after.authorized().when().get("/api/v1/me").then().statusCode(200);
    }
}
