package dev.shop.kit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ProblemMappingTest {

    @Test
    void invalidFieldsAreA400NamingEachField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"quantity\":500,\"tags\":[\"ok\",\" \"]}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/kit-test/widgets"))
                .body("traceId", notNullValue())
                .body("violations.field", hasItems("name", "quantity", "tags[1]"));
    }

    @Test
    void missingBodyIsA400() {
        given().contentType(ContentType.JSON)
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", ")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed request"))
                .body("detail", equalTo("The request body is not valid JSON"));
    }

    @Test
    void operatorInjectionInAStringFieldIsA400() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": {\"$ne\": null}, \"quantity\": 1}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("Field 'name' has the wrong type: expected a string"));
    }

    @Test
    void unknownIdIsA404() {
        given().when().get("/kit-test/widgets/0123456789abcdef01234567")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"))
                .body("detail", equalTo("No widget 0123456789abcdef01234567"));
    }

    @Test
    void unknownPathIsA404Problem() {
        given().when().get("/kit-test/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void wrongMethodIsA405Problem() {
        given().when().delete("/kit-test/boom")
                .then().statusCode(405)
                .contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        given().contentType(ContentType.TEXT).body("name=x")
                .when().post("/kit-test/widgets")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void duplicateUniqueValueIsA409() {
        String body = "{\"name\":\"dup-" + System.nanoTime() % 1_000_000 + "\",\"quantity\":1}";
        given().contentType(ContentType.JSON).body(body).when().post("/kit-test/widgets").then().statusCode(201);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/kit-test/widgets")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/conflict"));
    }

    @Test
    void unexpectedFailureIsA500WithoutInternals() {
        given().header("X-Request-Id", "trace-me-1234")
                .when().get("/kit-test/boom")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("title", equalTo("Internal error"))
                .body("traceId", equalTo("trace-me-1234"))
                .body(not(containsString("secret")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at dev.shop")));
    }

    @Test
    void anOversizedBodyIsA413ProblemBeforeItIsRead() {
        given().contentType(ContentType.JSON).body("{\"name\":\"" + "x".repeat(1_100_000) + "\",\"quantity\":1}")
                .when().post("/kit-test/widgets")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large"))
                .body("instance", equalTo("/kit-test/widgets"));
    }

    @Test
    void rateLimitProblemCarriesRetryAfter() {
        given().when().get("/kit-test/limited")
                .then().statusCode(429)
                .header("Retry-After", "30")
                .body("retryAfterSeconds", equalTo(30));
    }
}
