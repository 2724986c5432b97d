package dev.shop.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.restassured.RestAssured;

/**
 * Hostile requests that fail before any endpoint is chosen: what the HTTP decoder, the request line limit and the
 * {@code Content-Type} checks refuse. Every answer must be a 4xx {@code application/problem+json} without a stack
 * trace, and must carry an {@code X-Request-Id}. Sent over a raw socket, byte for byte, because HTTP client libraries
 * correct or refuse exactly these requests.
 *
 * <p>
 * Extend it in a {@code @QuarkusTest} (services: extend {@link HostileInputContract}, which adds the per-operation
 * checks) and name a path that accepts a POST with a JSON body in {@link #postPath()}.
 */
public abstract class EdgeHostileInputContract {

    /** A Java or JavaScript stack frame, or an exception's name as a log prints it. */
    public static final Pattern STACK_TRACE = Pattern.compile(
            "(\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\()|(Caused by:)|([a-z]+\\.[a-z.]+\\.[A-Z]\\w*(Exception|Error)\\b)");

    /** A path of the application under test that accepts POST with a JSON body (no token needed to get that far). */
    protected abstract String postPath();

    /** Where the application listens; by default what {@code @QuarkusTest} gave rest-assured. */
    protected URI baseUri() {
        return URI.create("http://localhost:" + RestAssured.port);
    }

    @TestFactory
    Stream<DynamicTest> requestsRefusedBeforeRoutingAreProblems() {
        String path = postPath();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(edge("control character in Content-Type", 400,
                "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\u0001\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
        tests.add(edge("NUL in a header value", 400,
                "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u0000b\r\nConnection: close\r\n\r\n"));
        tests.add(edge("request line over 8 KB", 414,
                "GET " + path + "?q=" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        tests.add(edge("request line over 64 KB", 414,
                "GET " + path + "?q=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        tests.add(edge("Content-Type that is not a media type", 400, post(path, "json", "{}")));
        tests.add(edge("Content-Type with a broken parameter", 400,
                post(path, "application/json; charset", "{}")));
        tests.add(edge("body without Content-Type", 415, post(path, null, "{\"a\":\"b\"}")));
        tests.add(edge("body with Content-Type */*", 415, post(path, "*/*", "{\"a\":\"b\"}")));
        tests.add(edge("NUL in a query parameter", 400,
                "GET " + path + "?q=%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        return tests.stream();
    }

    private DynamicTest edge(String name, int expectedStatus, String request) {
        return DynamicTest.dynamicTest(name, () -> {
            RawAnswer answer = raw(request);
            Assertions.assertEquals(expectedStatus, answer.status(), name + ": " + answer.text());
            assertProblem(name, answer.status(), answer.contentType(), answer.body());
            Assertions.assertNotNull(answer.header("X-Request-Id"), name + ": no X-Request-Id in " + answer.text());
        });
    }

    private static String post(String path, String contentType, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + body;
    }

    /** A 4xx problem+json answer without a stack trace. */
    static void assertProblem(String what, int status, String contentType, String body) {
        Assertions.assertTrue(status >= 400 && status < 500, what + ": status " + status + " " + shorten(body));
        Assertions.assertNotNull(contentType, what + ": no Content-Type, body " + shorten(body));
        Assertions.assertTrue(contentType.startsWith("application/problem+json"),
                what + ": Content-Type " + contentType + " " + shorten(body));
        Assertions.assertTrue(body.contains("\"status\":" + status), what + ": body " + shorten(body));
        assertNoStackTrace(what, body);
    }

    static void assertNoStackTrace(String what, String body) {
        Assertions.assertFalse(STACK_TRACE.matcher(body).find(), what + ": stack trace in " + shorten(body));
    }

    static String shorten(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Sends the bytes as they are and reads the whole answer (the server closes the connection). */
    protected RawAnswer raw(String request) throws IOException {
        URI base = baseUri();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return RawAnswer.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** An HTTP/1.1 answer read off a socket. */
    protected record RawAnswer(int status, List<String> headers, String body, String text) {

        static RawAnswer parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1])
                    : -1;
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            return new RawAnswer(status, headers, body, shorten(text));
        }

        public String header(String name) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return h.substring(colon + 1).strip();
                }
            }
            return null;
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
