package dev.shop.contracts.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypeSyntaxTest {

    @Test
    void realContentTypesAreRead() {
        assertThat(MediaTypeSyntax.essence("application/json")).hasValue("application/json");
        assertThat(MediaTypeSyntax.essence("Application/JSON; charset=UTF-8")).hasValue("application/json");
        assertThat(MediaTypeSyntax.essence("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"))
                .hasValue("multipart/form-data");
        assertThat(MediaTypeSyntax.essence("text/plain;")).hasValue("text/plain");
        assertThat(MediaTypeSyntax.essence("application/merge-patch+json; charset=\"utf-8\""))
                .hasValue("application/merge-patch+json");
        assertThat(MediaTypeSyntax.essence("*/*")).hasValue("*/*");
    }

    @Test
    void malformedValuesAreRefused() {
        for (String bad : new String[] { "", "json", "/json", "application/", "application /json", "@/json",
                "application/json; charset", "application/json;;=x", "application/json; a=\"unterminated",
                "application/json; a=b c", "application/json\u0001" }) {
            assertThat(MediaTypeSyntax.essence(bad)).as(bad).isEmpty();
        }
        assertThat(MediaTypeSyntax.essence(null)).isEmpty();
    }

    @Test
    void wildcardsJsonAndControlCharactersAreRecognised() {
        assertThat(MediaTypeSyntax.isWildcard("*/*")).isTrue();
        assertThat(MediaTypeSyntax.isWildcard("application/*")).isTrue();
        assertThat(MediaTypeSyntax.isWildcard("application/json")).isFalse();
        assertThat(MediaTypeSyntax.isJson("application/json")).isTrue();
        assertThat(MediaTypeSyntax.isJson("application/merge-patch+json")).isTrue();
        assertThat(MediaTypeSyntax.isJson("text/json")).isFalse();
        assertThat(MediaTypeSyntax.hasControlCharacter("a\u0000b")).isTrue();
        assertThat(MediaTypeSyntax.hasControlCharacter("a\tb")).isFalse();
        assertThat(MediaTypeSyntax.hasControlCharacter("a\u007fb")).isTrue();
    }
}
