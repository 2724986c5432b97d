package dev.shop.system.support;

import static io.restassured.config.EncoderConfig.encoderConfig;
import static io.restassured.config.HttpClientConfig.httpClientConfig;

import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.conn.BasicClientConnectionManager;

import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** rest-assured requests to the gateway of the shared stack, and nothing else. */
public final class Http {

    /**
     * Headers and bodies go out exactly as written (no charset appended); cookies are never stored (each client sends
     * its own refresh cookie explicitly). Every request gets an HTTP client of its own with a single connection and no
     * pool to wait for: a shared pool ran dry under 200 concurrent buyers.
     */
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .httpClient(httpClientConfig()
                    .httpClientFactory(Http::singleConnectionClient)
                    .dontReuseHttpClientInstance()
                    .setParam("http.connection.timeout", 10_000)
                    .setParam("http.socket.timeout", 90_000)
                    .setParam("http.protocol.cookie-policy", "ignoreCookies"));

    private Http() {
    }

    @SuppressWarnings("deprecation")
    private static org.apache.http.client.HttpClient singleConnectionClient() {
        return new DefaultHttpClient(new BasicClientConnectionManager());
    }

    /** A request to the gateway, without any identity: no token, no client address. */
    public static RequestSpecification gateway() {
        return RestAssured.given().config(CONFIG).baseUri(SystemStack.get().gateway());
    }

    /** A request to the gateway with a JSON body. */
    public static RequestSpecification json(RequestSpecification request, Object body) {
        return request.contentType(ContentType.JSON).body(body);
    }

    /** The same configuration against another base URL (management interfaces, never the public API). */
    public static RequestSpecification at(String baseUrl) {
        return RestAssured.given().config(CONFIG).baseUri(baseUrl);
    }
}
