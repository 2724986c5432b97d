package dev.shop.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestIssuer;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class PagingAndCallerTest {

    @Test
    void pagingDefaultsAndEchoes() {
        given().when().get("/kit-test/page")
                .then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(20)).body("total", equalTo(1000));
        given().queryParam("page", 3).queryParam("size", 10)
                .when().get("/kit-test/page")
                .then().statusCode(200)
                .body("items", contains(30)).body("page", equalTo(3)).body("size", equalTo(10));
    }

    @Test
    void badPagingIsA400NamingTheParameter() {
        given().queryParam("page", "abc").queryParam("size", 101)
                .when().get("/kit-test/page")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("page", "size"));
        given().queryParam("page", -1)
                .when().get("/kit-test/page")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("page"));
    }

    @Test
    void theCallerComesFromTheVerifiedToken() {
        String token = TestTokens.forUser("user-42").sessionId("session-7").sign();

        given().auth().oauth2(token)
                .when().get("/kit-test/me")
                .then().statusCode(200)
                .body("id", equalTo("user-42"))
                .body("admin", equalTo(false))
                .body("sid", equalTo("session-7"));
    }

    @Test
    void noTokenIsA401Problem() {
        given().when().get("/kit-test/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
    }

    @Test
    void badTokensAreRefused() {
        given().auth().oauth2(TestTokens.forUser("u").expired().sign())
                .when().get("/kit-test/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.forUser("u").signedWith(TestIssuer.foreignKey()).sign())
                .when().get("/kit-test/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.unsigned("u"))
                .when().get("/kit-test/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.forUser("u").audience("someone-else").sign())
                .when().get("/kit-test/me").then().statusCode(401);
    }

    @Test
    void aCustomerIsNotAnAdmin() {
        given().auth().oauth2(TestTokens.customer("user-1"))
                .when().get("/kit-test/admin")
                .then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("admin-1"))
                .when().get("/kit-test/admin")
                .then().statusCode(200);
    }

    @Inject
    JWTParser parser;

    @Test
    void aRememberedTokenStillNamesItsOwnCallerAndNoAlteredCopyOfItPasses() throws Exception {
        String token = TestTokens.forUser("user-remembered").sessionId("session-r").sign();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).when().get("/kit-test/me")
                    .then().statusCode(200).body("id", equalTo("user-remembered")).body("admin", equalTo(false));
        }
        assertThat(parser.parse(token)).as("verified once, then remembered").isSameAs(parser.parse(token));

        String[] parts = token.split("\\.");
        String adminClaims = TestTokens.admin("user-remembered").split("\\.")[1];
        given().auth().oauth2(parts[0] + "." + adminClaims + "." + parts[2])
                .when().get("/kit-test/admin").then().statusCode(401);
        given().auth().oauth2(token + "x").when().get("/kit-test/me").then().statusCode(401);
        given().auth().oauth2(token).when().get("/kit-test/admin").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin("admin-2")).when().get("/kit-test/me")
                .then().statusCode(200).body("id", equalTo("admin-2")).body("admin", equalTo(true));
    }
}
