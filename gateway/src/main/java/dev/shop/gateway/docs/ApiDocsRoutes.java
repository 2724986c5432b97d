package dev.shop.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.http.ProblemResponses;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * On the management interface: {@code /q/openapi}, the merged API document (JSON; YAML with {@code ?format=yaml} or
 * {@code Accept: application/yaml}); {@code /q/swagger-ui/}, Swagger UI (the assets SmallRye OpenAPI ships, served from
 * the classpath) showing that document, with the bearer scheme so authenticated calls can be tried against the public
 * URL named in {@code servers}.
 */
@ApplicationScoped
public class ApiDocsRoutes {

    static final String DOCUMENT_PATH = "/q/openapi";
    static final String UI_PATH = "/q/swagger-ui";
    private static final String ASSETS = "META-INF/resources/openapi-ui/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "style.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "oauth2-redirect.html", "text/html; charset=utf-8",
            "favicon.ico", "image/x-icon",
            "logo.png", "image/png");
    private static final String INDEX = """
            <!DOCTYPE html>
            <html lang="en">
              <head>
                <meta charset="UTF-8">
                <title>Shop API</title>
                <link rel="stylesheet" type="text/css" href="swagger-ui.css">
                <link rel="stylesheet" type="text/css" href="style.css">
                <link rel="icon" href="favicon.ico" type="image/x-icon">
              </head>
              <body>
                <div id="swagger-ui"></div>
                <script src="swagger-ui-bundle.js" charset="UTF-8"></script>
                <script src="swagger-ui-standalone-preset.js" charset="UTF-8"></script>
                <script>
                  window.onload = function () {
                    window.ui = SwaggerUIBundle({
                      url: '%s',
                      dom_id: '#swagger-ui',
                      deepLinking: true,
                      persistAuthorization: true,
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      layout: 'StandaloneLayout'
                    });
                  };
                </script>
              </body>
            </html>
            """.formatted(DOCUMENT_PATH + "?format=json");

    private final ApiDocs docs;
    private final ObjectMapper json;
    private final YAMLMapper yaml = new YAMLMapper();
    private final ProblemResponses problems;
    private final Map<String, Buffer> assets = new ConcurrentHashMap<>();

    public ApiDocsRoutes(ApiDocs docs, ObjectMapper json, ProblemResponses problems) {
        this.docs = docs;
        this.json = json;
        this.problems = problems;
    }

    /** On the management interface, with the metrics: the public port serves the API and health only. */
    void init(@Observes ManagementInterface management) {
        Router router = management.router();
        router.get(DOCUMENT_PATH).handler(this::document);
        // Vert.x matches "/q/swagger-ui" with and without the trailing slash: one handler tells them apart.
        router.get(UI_PATH).handler(rc -> {
            if (!rc.request().path().endsWith("/")) {
                rc.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, UI_PATH + "/").end();
                return;
            }
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .end(INDEX);
        });
        router.get(UI_PATH + "/:asset").handler(this::asset);
    }

    private void document(RoutingContext rc) {
        String format = rc.request().getParam("format");
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        boolean asYaml = "yaml".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.contains("yaml") && !accept.contains("json"));
        docs.document().onComplete(ar -> {
            if (ar.failed()) {
                Log.errorf(ar.cause(), "Cannot build the merged API document");
                problems.send(rc, ProblemType.INTERNAL, "The API document could not be built");
                return;
            }
            try {
                if (asYaml) {
                    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                            .end(yaml.writeValueAsString(ar.result()));
                } else {
                    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                            .end(Buffer.buffer(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(ar.result())));
                }
            } catch (JsonProcessingException e) {
                problems.send(rc, ProblemType.INTERNAL, "The API document could not be written");
            }
        });
    }

    private void asset(RoutingContext rc) {
        String name = rc.pathParam("asset");
        String type = ASSET_TYPES.get(name);
        Buffer content = type == null ? null : assets.computeIfAbsent(name, ApiDocsRoutes::load);
        if (content == null || content.length() == 0) {
            problems.send(rc, ProblemType.NOT_FOUND, "No resource at " + rc.normalizedPath());
            return;
        }
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
                .end(content);
    }

    private static Buffer load(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(ASSETS + name)) {
            return in == null ? Buffer.buffer() : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
