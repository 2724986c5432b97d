package dev.shop.kit.json;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies are read as exactly what they say, never coerced into what the record wanted:
 * <ul>
 * <li>a field given twice ({@code {"phoneNumber": "a", ..., "phoneNumber": "b"}}) is refused, so two layers can never
 * read two different values from one body;</li>
 * <li>a number, boolean, array or object where a string is expected, a string or fraction where an integer is expected
 * ({@code "version": 1.5} is not 1), a number for an enum or a boolean, {@code null} for a primitive are refused;</li>
 * <li>content after the JSON value, and NUL characters inside strings, are refused.</li>
 * </ul>
 * Each refusal is a Jackson exception that {@code ProblemMapper} answers with a 400 naming the field. Serialisation is
 * unchanged. Applies to the ObjectMapper Quarkus injects everywhere (REST bodies, {@code OptionalJsonBody}-style manual
 * reads, REST clients).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float);

        mapper.registerModule(new SimpleModule("shop-strict-strings").addDeserializer(String.class,
                new NoNulStrings()));
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** The standard string reading (with the coercion rules above), refusing U+0000 anywhere in the text. */
    static final class NoNulStrings extends StringDeserializer {

        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (text != null && text.indexOf('\u0000') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, text, NUL_MESSAGE);
            }
            return text;
        }
    }

    /** Message of the refusal of a NUL character; {@code ProblemMapper} recognises it. */
    public static final String NUL_MESSAGE = "must not contain NUL characters";
}
