package dev.shop.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class RequestIdTest {

    @Test
    void aValidInboundIdIsKeptAndReturned() {
        given().header("X-Request-Id", "client-chosen-0001")
                .when().get("/kit-test/request-id")
                .then().statusCode(200)
                .header("X-Request-Id", "client-chosen-0001")
                .body(equalTo("client-chosen-0001"));
    }

    @Test
    void aMissingIdIsGenerated() {
        String id = given().when().get("/kit-test/request-id")
                .then().statusCode(200)
                .extract().header("X-Request-Id");

        assertThat(id).matches("[0-9a-f-]{36}");
    }

    @Test
    void anUnsafeIdIsReplaced() {
        String id = given().header("X-Request-Id", "bad id with spaces")
                .when().get("/kit-test/request-id")
                .then().statusCode(200)
                .extract().header("X-Request-Id");

        assertThat(id).isNotEqualTo("bad id with spaces").matches("[0-9a-f-]{36}");
    }

    @Test
    void theIdTravelsOnRestClientCalls() {
        given().header("X-Request-Id", "follow-me-across-0002")
                .when().get("/kit-test/relayed-request-id")
                .then().statusCode(200)
                .body(equalTo("follow-me-across-0002"));
    }

    @Test
    void errorsAndHealthCarryTheIdToo() {
        given().when().get("/kit-test/nothing").then().statusCode(404).header("X-Request-Id",
                org.hamcrest.Matchers.notNullValue());
        given().when().get("/q/health/live").then().statusCode(200).header("X-Request-Id",
                org.hamcrest.Matchers.notNullValue());
    }
}
