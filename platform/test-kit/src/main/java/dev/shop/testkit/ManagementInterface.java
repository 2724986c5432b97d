package dev.shop.testkit;

import java.net.URI;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The management interface of the application under test (the service kit moves the API document, Swagger UI and
 * metrics there, on a port of their own; tests get a free one). Quarkus publishes its address as
 * {@code test.management.url} once the application has started.
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    /** Base URL, e.g. {@code http://localhost:41234} (no trailing slash, no {@code /q}). */
    public static URI url() {
        Optional<String> url = ConfigProvider.getConfig().getOptionalValue("test.management.url", String.class);
        URI published = URI.create(url.orElseGet(() -> "http://localhost:" + ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class)));
        // the published URL ends in the management root path (/q); callers name full paths
        return URI.create(published.getScheme() + "://" + published.getHost() + ":" + published.getPort());
    }

    /** A rest-assured request aimed at the management interface instead of the service port. */
    public static RequestSpecification given() {
        URI url = url();
        return RestAssured.given().baseUri(url.getScheme() + "://" + url.getHost()).port(url.getPort());
    }
}
