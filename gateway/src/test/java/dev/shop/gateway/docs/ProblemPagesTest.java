package dev.shop.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.http.ProblemCatalogue;
import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A problem's {@code type} resolves, against the gateway's origin, to what it means. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class ProblemPagesTest {

    @Test
    void theTypeOfAnAnswerTheGatewayGivesResolvesToItsExplanation() {
        String type = given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json")
                .extract().path("type");
        assertThat(type).isEqualTo("/problems/not-found");

        given().when().get(type)
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", containsString("max-age"))
                .body(containsString("Resource not found"))
                .body(containsString("belongs to another user"));
    }

    @Test
    void everyCatalogueEntryIsServedAsJsonOnRequest() {
        for (ProblemCatalogue.Entry entry : ProblemCatalogue.all()) {
            given().accept("application/json").when().get(entry.type())
                    .then().statusCode(200)
                    .contentType(containsString("application/json"))
                    .body("type", equalTo(entry.type()))
                    .body("status", equalTo(entry.status()))
                    .body("title", equalTo(entry.title()))
                    .body("meaning", equalTo(entry.meaning()));
        }
    }

    @Test
    void theIndexListsEveryTypeAndAnUnknownOneIsA404Problem() {
        String index = given().when().get("/problems").then().statusCode(200).extract().asString();
        for (String slug : ProblemCatalogue.slugs()) {
            assertThat(index).contains("/problems/" + slug);
        }
        given().accept("application/json").when().get("/problems")
                .then().statusCode(200).body("size()", equalTo(ProblemCatalogue.all().size()));

        given().when().get("/problems/no-such-type")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
    }

    @Test
    void markupInTheCatalogueIsEscaped() {
        assertThat(ProblemPages.escape("<b>\"x\" & y</b>")).isEqualTo("&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;");
        assertThat(ProblemPages.codeSpans("send `Retry-After` now")).isEqualTo("send <code>Retry-After</code> now");
    }
}
