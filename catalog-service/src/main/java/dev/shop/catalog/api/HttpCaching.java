package dev.shop.catalog.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Conditional GETs for public reads: a strong ETag over the JSON representation, {@code Cache-Control}, and 304 when
 * the client's {@code If-None-Match} still matches. Reads outnumber writes by far, so revalidation saves both the
 * serialisation on the client and the bytes on the wire.
 */
@ApplicationScoped
public class HttpCaching {

    /** What JSON answers carry (as the JSON provider writes it). */
    static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset(StandardCharsets.UTF_8.name());

    /** A JSON representation serialised once, with the strong ETag over its bytes. */
    public record Rendered(byte[] body, String etag) {

        static Rendered of(byte[] body) {
            return new Rendered(body, tagOf(body));
        }
    }

    private final ObjectMapper mapper;

    public HttpCaching(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A shared-cacheable answer, e.g. brands or an active product. */
    public static String publicFor(int maxAgeSeconds) {
        return "public, max-age=" + maxAgeSeconds;
    }

    /** An answer only the caller may cache (e.g. an admin viewing a draft). */
    public static String privateNoCache() {
        return "private, no-cache";
    }

    public <T> RestResponse<T> ok(HttpHeaders request, T body, String cacheControl) {
        String tag = etagOf(body);
        return conditional(request, tag, cacheControl, body);
    }

    /** For representations whose ETag is known without serialising them (e.g. immutable image bytes). */
    public <T> RestResponse<T> conditional(HttpHeaders request, String tag, String cacheControl, T body) {
        EntityTag etag = new EntityTag(tag);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            return RestResponse.ResponseBuilder.<T> notModified(etag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .build();
        }
        return RestResponse.ResponseBuilder.ok(body)
                .tag(etag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .build();
    }

    /** Answers already rendered bytes: no serialisation, and the tag was computed when they were. */
    public RestResponse<byte[]> json(HttpHeaders request, Rendered rendered, String cacheControl) {
        EntityTag etag = new EntityTag(rendered.etag());
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), rendered.etag())) {
            return RestResponse.ResponseBuilder.<byte[]> notModified(etag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .build();
        }
        return RestResponse.ResponseBuilder.ok(rendered.body(), JSON)
                .tag(etag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .build();
    }

    String etagOf(Object body) {
        try {
            return tagOf(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot compute an ETag", e);
        }
    }

    /** The first 128 bits of the SHA-256 of the bytes, base64url. */
    static String tagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** RFC 9110 §13.1.2: weak comparison, a list of tags or {@code *}. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.trim();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("\"" + tag + "\"")) {
                return true;
            }
        }
        return false;
    }
}
