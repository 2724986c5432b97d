package dev.shop.admin.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.CanonicalJson;

/**
 * Turns what an audit entry records (a request, a service's answer, a read model's view) into canonical JSON text,
 * bounded in size: a value longer than {@code shop.admin.audit.max-value-length} is replaced by its length and SHA-256,
 * so one large answer cannot bloat the log while the entry still pins down what it was.
 */
@ApplicationScoped
public class AuditValues {

    private final ObjectMapper mapper;
    private final int maxLength;

    public AuditValues(ObjectMapper mapper, AdminConfig config) {
        this.mapper = mapper;
        this.maxLength = config.audit().maxValueLength();
    }

    /** A map, record or JSON tree as canonical JSON; null stays null. */
    public String of(Object value) {
        if (value == null) {
            return null;
        }
        Object plain = value instanceof Map<?, ?> || value instanceof String ? value : mapper.convertValue(value, Object.class);
        return bounded(CanonicalJson.write(plain));
    }

    /** A body received or sent as text: canonical JSON when it is JSON, else a note of its size. */
    public String ofBody(String body, String contentType) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode tree = parse(body);
        if (tree == null) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("contentType", contentType);
            note.put("length", body.length());
            return of(note);
        }
        return of(tree);
    }

    /** The JSON tree of a body, or null when it is not JSON. */
    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String bounded(String canonical) {
        if (canonical.length() <= maxLength) {
            return canonical;
        }
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("truncated", true);
        note.put("length", canonical.length());
        note.put("sha256", sha256(canonical));
        return CanonicalJson.write(note);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
