package dev.shop.gateway.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.contracts.http.ProblemCatalogue;
import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.http.ProblemResponses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Makes every problem {@code type} resolve to its explanation: problems carry {@code /problems/<slug>}, a reference
 * relative to the API's origin, so on the public port {@code GET /problems/<slug>} answers what that problem means and
 * what a client should do, from {@link ProblemCatalogue}: a small HTML page for a browser, or with
 * {@code Accept: application/json} a JSON object {@code {type, title, status, meaning, raisedBy}}. {@code GET /problems}
 * lists them all. Static, public, cacheable for a day.
 */
@ApplicationScoped
public class ProblemPages {

    static final String ROOT = "/problems";
    private static final String CACHE_CONTROL = "public, max-age=86400";
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private final ObjectMapper json;
    private final ProblemResponses problems;

    public ProblemPages(ObjectMapper json, ProblemResponses problems) {
        this.json = json;
        this.problems = problems;
    }

    void init(@Observes Router router) {
        router.route(ROOT).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::index);
        router.route(ROOT + "/:slug").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::page);
    }

    private void index(RoutingContext rc) {
        if (wantsJson(rc)) {
            List<Map<String, Object>> all = ProblemCatalogue.all().stream().map(ProblemPages::describe).toList();
            answerJson(rc, all);
            return;
        }
        StringBuilder body = new StringBuilder("<h1>Problem types of the shop API</h1>\n<p>Every error answer is an "
                + "RFC 9457 <code>application/problem+json</code> body whose <code>type</code> is one of these.</p>\n"
                + "<table>\n<tr><th>type</th><th>status</th><th>title</th></tr>\n");
        for (ProblemCatalogue.Entry entry : ProblemCatalogue.all()) {
            body.append("<tr><td><a href=\"").append(ROOT).append('/').append(entry.slug()).append("\"><code>")
                    .append(escape(entry.type())).append("</code></a></td><td>").append(entry.status())
                    .append("</td><td>").append(escape(entry.title())).append("</td></tr>\n");
        }
        body.append("</table>\n");
        answerHtml(rc, "Problem types", body.toString());
    }

    private void page(RoutingContext rc) {
        Optional<ProblemCatalogue.Entry> entry = ProblemCatalogue.bySlug(rc.pathParam("slug"));
        if (entry.isEmpty()) {
            problems.send(rc, ProblemType.NOT_FOUND, "No problem type " + rc.normalizedPath()
                    + "; GET " + ROOT + " lists them");
            return;
        }
        ProblemCatalogue.Entry e = entry.get();
        if (wantsJson(rc)) {
            answerJson(rc, describe(e));
            return;
        }
        String body = "<h1>" + escape(e.title()) + "</h1>\n"
                + "<p><code>type: " + escape(e.type()) + "</code> &middot; HTTP " + e.status() + " &middot; raised by "
                + escape(e.raisedBy()) + "</p>\n"
                + "<p>" + codeSpans(escape(e.meaning())) + "</p>\n"
                + "<p>The answer's <code>detail</code> says what went wrong this time, <code>instance</code> the "
                + "request path and <code>traceId</code> the request id to quote to support.</p>\n"
                + "<p><a href=\"" + ROOT + "\">All problem types</a></p>\n";
        answerHtml(rc, e.title(), body);
    }

    private static Map<String, Object> describe(ProblemCatalogue.Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", e.type());
        out.put("title", e.title());
        out.put("status", e.status());
        out.put("meaning", e.meaning());
        out.put("raisedBy", e.raisedBy());
        return out;
    }

    /** JSON only when asked for: a browser following the link gets the page. */
    private static boolean wantsJson(RoutingContext rc) {
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("json")
                && !accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private void answerJson(RoutingContext rc, Object value) {
        try {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .end(Buffer.buffer(json.writeValueAsBytes(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the problem catalogue", e);
        }
    }

    private static void answerHtml(RoutingContext rc, String title, String body) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · Shop API</title>\n<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;"
                + "line-height:1.5;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}td,th{text-align:left;"
                + "padding:.2rem .6rem .2rem 0}</style></head>\n<body>\n" + body + "</body>\n</html>\n";
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .putHeader("Content-Security-Policy", CSP)
                .end(page);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The catalogue writes code in backticks, as Markdown does. */
    static String codeSpans(String escaped) {
        return escaped.replaceAll("`([^`]+)`", "<code>$1</code>");
    }
}
