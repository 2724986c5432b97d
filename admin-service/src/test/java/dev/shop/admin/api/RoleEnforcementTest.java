package dev.shop.admin.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.testkit.ManagementInterface;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the service's own API document under {@code /api/v1/admin} refuses a caller without a token (401)
 * and a customer (403), and lets an admin through to the endpoint (whatever the endpoint then answers).
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleEnforcementTest {

    /** One operation of the API document. */
    record Operation(String method, String template, String contentType) {

        String path() {
            return template.replaceAll("\\{[^}]+}", "id-1");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    List<Operation> operations() throws Exception {
        // The API document is on the management interface, not on the port the gateway forwards to.
        String document = ManagementInterface.given().when().get("/q/openapi?format=json").then().statusCode(200).extract()
                .asString();
        JsonNode paths = new ObjectMapper().readTree(document).get("paths");
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = paths.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> path = entries.next();
            if (!path.getKey().startsWith("/api/v1/admin")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode content = method.getValue().path("requestBody").path("content");
                String contentType = content.isObject() && content.fieldNames().hasNext()
                        ? content.fieldNames().next()
                        : null;
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), contentType));
            }
        }
        return operations;
    }

    Stream<Operation> everyOperation() throws Exception {
        return operations().stream();
    }

    @Test
    void theApiDocumentListsEveryAdminOperation() throws Exception {
        List<String> names = operations().stream().map(Operation::toString).toList();

        assertThat(names).contains("GET /api/v1/admin/dashboard", "GET /api/v1/admin/users",
                "POST /api/v1/admin/users/{id}/block", "POST /api/v1/admin/users/{id}/unblock",
                "PUT /api/v1/admin/users/{id}/roles", "GET /api/v1/admin/orders",
                "PATCH /api/v1/admin/orders/{id}/status", "POST /api/v1/admin/catalog/products",
                "DELETE /api/v1/admin/catalog/categories/{id}", "GET /api/v1/admin/audit",
                "GET /api/v1/admin/audit.csv", "GET /api/v1/admin/audit/verify", "GET /api/v1/admin/alerts",
                "POST /api/v1/admin/alerts/{id}/ack", "POST /api/v1/admin/replay/{readModel}");
        assertThat(names).hasSizeGreaterThanOrEqualTo(35);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOperation")
    void withoutATokenIsA401Problem(Operation operation) {
        Response response = call(given(), operation);

        response.then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOperation")
    void aCustomerIsRefusedWithA403Problem(Operation operation) {
        Response response = call(given().auth().oauth2(TestTokens.customer(new org.bson.types.ObjectId().toHexString())),
                operation);

        response.then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOperation")
    void anAdminReachesTheEndpoint(Operation operation) {
        Response response = call(given().auth().oauth2(TestTokens.admin(new org.bson.types.ObjectId().toHexString())),
                operation);

        assertThat(response.statusCode()).as(operation + " answered " + response.asString())
                .isNotIn(401, 403, 405, 415)
                .isLessThan(500);
    }

    @Test
    void expiredForeignAndUnsignedTokensAre401() {
        for (String token : List.of(TestTokens.forUser("u-1").roles("customer", "admin").expired().sign(),
                TestTokens.forUser("u-1").roles("customer", "admin")
                        .signedWith(dev.shop.testkit.TestIssuer.foreignKey()).sign(),
                TestTokens.unsigned("u-1"))) {
            given().auth().oauth2(token).when().get("/api/v1/admin/audit/verify").then().statusCode(401);
        }
    }

    private static Response call(RequestSpecification request, Operation operation) {
        if (operation.contentType() != null) {
            request = request.contentType(operation.contentType()).body("{}");
        }
        return request.when().request(operation.method(), operation.path());
    }
}
