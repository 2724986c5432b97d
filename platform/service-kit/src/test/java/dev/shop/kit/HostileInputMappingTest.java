package dev.shop.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Input that used to reach a parser or the database and fail there: now a 4xx problem naming what is wrong. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class HostileInputMappingTest {

    @Test
    void aFieldGivenTwiceIsA400NamingIt() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"first\",\"quantity\":1,\"name\":\"second\"}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("Field 'name' appears more than once in the request body"))
                .body("violations.field", hasItem("name"));
    }

    @Test
    void aNumberForAStringFieldIsNotCoerced() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":123,\"quantity\":1}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("Field 'name' has the wrong type: expected a string"))
                .body("violations.field", hasItem("name"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":true,\"quantity\":1}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .body("violations.field", hasItem("name"));
    }

    @Test
    void aFractionOrAStringForAnIntegerFieldIsNotCoerced() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"fraction\",\"quantity\":1.5}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("Field 'quantity' has the wrong type: expected a number"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"text\",\"quantity\":\"5\"}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .body("violations.field", hasItem("quantity"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"empty\",\"quantity\":\"\"}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .body("violations.field", hasItem("quantity"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"nulls\",\"quantity\":null}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .body("violations.field", hasItem("quantity"));
    }

    @Test
    void aNulCharacterInsideAJsonStringIsA400() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"a\\u0000b\",\"quantity\":1}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("Field 'name' must not contain NUL characters"));
    }

    @Test
    void trailingContentAfterTheJsonValueIsA400() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"quantity\":1} {\"name\":\"y\"}")
                .when().post("/kit-test/widgets")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aBodyWithoutContentTypeOrWithAWildcardIsA415() throws IOException {
        String body = "{\"name\":\"untyped\",\"quantity\":1}";
        String answer = raw("POST /kit-test/widgets HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 415").contains("application/problem+json")
                .contains("\"status\":415");

        for (String wildcard : new String[] { "*/*", "application/*" }) {
            answer = raw("POST /kit-test/widgets HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + wildcard
                    + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(answer).as(wildcard).startsWith("HTTP/1.1 415").contains("application/problem+json");
        }
    }

    @Test
    void aContentTypeThatIsNotAMediaTypeIsA400Problem() throws IOException {
        for (String contentType : new String[] { "json", "application/json; charset", "application/json;;=x",
                "application /json", "@/json" }) {
            String answer = raw("POST /kit-test/widgets HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertThat(answer).as(contentType).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("Content-Type is not a valid media type");
        }
    }

    @Test
    void aNulByteInAQueryParameterIsA400NamingTheParameter() {
        given().urlEncodingEnabled(false)
                .when().get("/kit-test/search?q=%00")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("q"))
                .body("detail", equalTo("q: must not contain NUL characters"));
        given().urlEncodingEnabled(false)
                .when().get("/kit-test/widgets/%00")
                .then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("q", "{\"$ne\":null}").when().get("/kit-test/search")
                .then().statusCode(200)
                .body("q", equalTo("{\"$ne\":null}"));
    }

    @Test
    void aMalformedMultipartBodyIsA400Problem() throws IOException {
        String truncated = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc";
        assertThat(raw("POST /kit-test/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; "
                + "boundary=XyZ\r\nContent-Length: " + truncated.length() + "\r\nConnection: close\r\n\r\n"
                + truncated)).startsWith("HTTP/1.1 400").contains("application/problem+json");
        String garbage = "not multipart at all";
        assertThat(raw("POST /kit-test/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data"
                + "\r\nContent-Length: " + garbage.length() + "\r\nConnection: close\r\n\r\n" + garbage))
                .startsWith("HTTP/1.1 400").contains("application/problem+json");
    }

    @Test
    void aRequestLineOverTheLimitIsA414Problem() throws IOException {
        String answer = raw("GET /kit-test/search?q=" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 414").contains("application/problem+json")
                .contains("\"type\":\"/problems/uri-too-long\"").contains("\"status\":414");
        // under the limit it is an ordinary request
        given().when().get("/kit-test/search?q=" + "a".repeat(5_000)).then().statusCode(200);
    }

    @Test
    void requestsTheHttpDecoderRefusesStillGetAProblemBody() throws IOException {
        String answer = raw("POST /kit-test/widgets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\u0001"
                + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"status\":400").containsIgnoringCase("X-Request-Id:");
        // beyond the decoder's own limit (64 KB), not just the service's 8 KB
        answer = raw("GET /kit-test/search?q=" + "b".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.").contains(" 414 ").contains("application/problem+json");
    }

    @Test
    void anEndpointWithoutASecurityAnnotationIsClosed() {
        given().auth().oauth2(TestTokens.admin("kit-admin")).when().get("/kit-test/unannotated")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body(not(containsString("nobody decided")));
    }

    /** Sends bytes as they are, for what rest-assured would correct or refuse to send. */
    static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
