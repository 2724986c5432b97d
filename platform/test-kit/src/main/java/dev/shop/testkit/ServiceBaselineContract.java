package dev.shop.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * What every service answers before it has any business endpoint: health with its dependencies on the service port,
 * its API document and Swagger UI on the management interface (and nothing operational but health on the service port),
 * problem+json for unknown paths, a request id on every response. A service's test extends this with
 * {@code @QuarkusTest @WithTestResource(ShopTestResources.class)}.
 */
public abstract class ServiceBaselineContract {

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksMongoAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsStringIgnoringCase("mongo"), containsStringIgnoringCase("kafka")));
    }

    @Test
    void apiDocumentAndSwaggerUiAreServedOnTheManagementInterface() {
        ManagementInterface.given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("openapi", notNullValue())
                .body("info.title", containsStringIgnoringCase(serviceName()));
        ManagementInterface.given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsStringIgnoringCase("swagger"));
        assertNotEquals(RestAssured.port, ManagementInterface.url().getPort(), "a port of its own");
    }

    @Test
    void theServicePortServesHealthButNoOtherOperationalEndpoint() {
        for (String path : new String[] { "/q/openapi", "/q/swagger-ui/", "/q/metrics", "/q/info", "/q/dev-ui" }) {
            given().when().get(path)
                    .then().statusCode(404);
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void unknownPathIsA404ProblemCarryingTheRequestId() {
        Response response = given().header("X-Request-Id", "baseline-check-0001")
                .when().get("/api/v1/no-such-resource");

        response.then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", "baseline-check-0001")
                .body("status", equalTo(404))
                .body("traceId", equalTo("baseline-check-0001"))
                .body("instance", equalTo("/api/v1/no-such-resource"));
    }

    /** The service's name as it appears in its API document title, e.g. {@code auth-service}. */
    protected abstract String serviceName();
}
