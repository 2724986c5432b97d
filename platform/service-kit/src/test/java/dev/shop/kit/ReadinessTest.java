package dev.shop.kit;

import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import dev.shop.testkit.ManagementInterface;
import dev.shop.testkit.ServiceBaselineContract;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The kit alone gives an application what every service must answer (health with Mongo and Kafka, docs, 404s). */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ReadinessTest extends ServiceBaselineContract {

    @Override
    protected String serviceName() {
        return "kit-test";
    }

    @Test
    void apiDocumentListsTheApplicationsPaths() {
        ManagementInterface.given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.keySet()", hasItem("/kit-test/widgets"));
    }
}
