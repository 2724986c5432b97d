package dev.shop.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.ProblemCatalogue;
import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every answer a {@code @QuarkusTest} of a service sees through rest-assured must be one its API document promises.
 * Registered for every {@code @QuarkusTest} through {@code META-INF/services} (nothing to write in a test): before each
 * test a rest-assured filter is put in place that records {@code (operation, status)} of every call to the service's
 * own port; after each test class the records are checked against the service's document:
 * <ul>
 * <li>the status must be documented for the operation (e.g. a create that answers 201 must say 201, not 200);</li>
 * <li>an error answer (4xx, 5xx) must be {@code application/problem+json} with a {@code type} listed in
 * {@link ProblemCatalogue}.</li>
 * </ul>
 * Calls to paths or methods the document does not list (unknown paths, wrong methods, test fakes, the management
 * interface) are not operations and are not checked. Applications whose document does not carry the service kit's
 * conventions marker (the gateway's merged document) are not checked either.
 *
 * <p>
 * {@code -Dshop.api-docs.undocumented-responses=report} turns the failure into a report (written to
 * {@code target/undocumented-responses.txt}), for a service whose document is still being written.
 */
public final class ObservedResponses implements QuarkusTestBeforeEachCallback, QuarkusTestAfterAllCallback {

    /** The system property choosing what an undocumented answer does: {@code fail} (default) or {@code report}. */
    public static final String MODE_PROPERTY = "shop.api-docs.undocumented-responses";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentLinkedQueue<Observed> OBSERVED = new ConcurrentLinkedQueue<>();
    private static final Filter RECORDER = new Recorder();
    /** The service port of the application under test, as rest-assured knew it during the tests. */
    private static volatile int servicePort = -1;

    /** One answer seen by a test. */
    record Observed(String method, String path, int port, int status, String contentType, String problemType) {
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        servicePort = RestAssured.port;
        if (!RestAssured.filters().contains(RECORDER)) {
            RestAssured.filters(RECORDER);
        }
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        List<Observed> observed = new ArrayList<>();
        for (Observed o; (o = OBSERVED.poll()) != null;) {
            observed.add(o);
        }
        if (observed.isEmpty() || context.getTestStatus().getTestErrorCause() != null) {
            return;
        }
        ApiDocument document;
        try {
            document = ApiDocument.fetch();
        } catch (AssertionError e) {
            return; // an application without a management interface or document is not a shop service
        }
        if (!document.followsConventions()) {
            return;
        }
        Set<String> problems = check(document, observed, servicePort());
        if (problems.isEmpty()) {
            return;
        }
        String testClass = context.getTestInstance() == null ? "?" : context.getTestInstance().getClass().getName();
        String message = problems.size() + " answer(s) seen by " + testClass
                + " are not what the API document promises:\n  " + String.join("\n  ", problems);
        if ("report".equals(System.getProperty(MODE_PROPERTY, "fail"))) {
            report(message);
            return;
        }
        throw new AssertionError(message + "\n(document them with @APIResponse on the resource method; see the "
                + "test-kit README)");
    }

    /**
     * The port of the application under test: the one Quarkus published as {@code test.url} (rest-assured's port is
     * already reset by the time the class is done), else the one rest-assured used before the tests.
     */
    private static int servicePort() {
        return ConfigProvider.getConfig().getOptionalValue("test.url", String.class)
                .map(url -> URI.create(url).getPort())
                .filter(port -> port > 0)
                .orElse(servicePort);
    }

    /** What is wrong with {@code observed} calls to {@code port} according to {@code document}; empty when nothing is. */
    static Set<String> check(ApiDocument document, List<Observed> observed, int port) {
        Set<String> problems = new TreeSet<>();
        for (Observed o : observed) {
            if (o.port() != port) {
                continue;
            }
            Optional<ApiDocument.Operation> operation = document.match(o.method(), o.path());
            if (operation.isEmpty()) {
                continue;
            }
            String key = operation.get().key();
            if (!operation.get().documents(o.status())) {
                problems.add(key + " answered " + o.status() + ", which it does not document");
            }
            if (o.status() >= 400) {
                if (o.contentType() == null || !o.contentType().toLowerCase(Locale.ROOT)
                        .startsWith("application/problem+json")) {
                    problems.add(key + " answered " + o.status() + " as " + o.contentType()
                            + ", not application/problem+json");
                } else if (ProblemCatalogue.byType(o.problemType()).isEmpty()) {
                    problems.add(key + " answered " + o.status() + " with problem type " + o.problemType()
                            + ", which dev.shop.contracts.http.ProblemCatalogue does not list");
                }
            }
        }
        return problems;
    }

    private static void report(String message) {
        Path file = Path.of("target", "undocumented-responses.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, message + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.err.println("WARNING (" + MODE_PROPERTY + "=report): " + message);
    }

    /** Records every answer; never changes the request or the response. */
    private static final class Recorder implements Filter {

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            Response answer = context.next(request, response);
            URI uri;
            try {
                uri = URI.create(request.getURI());
            } catch (IllegalArgumentException e) {
                return answer; // a deliberately malformed request line: not a call of an operation
            }
            String type = null;
            String contentType = answer.getContentType();
            if (answer.statusCode() >= 400 && contentType != null && contentType.contains("problem+json")) {
                try {
                    type = JSON.readTree(answer.asByteArray()).path("type").asText(null);
                } catch (IOException | RuntimeException e) {
                    type = "(unreadable body)";
                }
            }
            OBSERVED.add(new Observed(request.getMethod(), uri.getRawPath(), uri.getPort(), answer.statusCode(),
                    contentType, type));
            return answer;
        }
    }
}
