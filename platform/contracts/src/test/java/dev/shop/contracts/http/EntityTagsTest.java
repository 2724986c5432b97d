package dev.shop.contracts.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void ifNoneMatchUsesTheWeakComparison() {
        assertThat(EntityTags.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(EntityTags.matches("W/\"a\"", "\"a\"")).isTrue();
        assertThat(EntityTags.matches("\"a\"", "W/\"a\"")).isTrue();
        assertThat(EntityTags.matches("\"b\"", "\"a\"")).isFalse();
        assertThat(EntityTags.matches("\"A\"", "\"a\"")).as("opaque tags are case-sensitive").isFalse();
    }

    @Test
    void aListMatchesWhenAnyTagDoes() {
        assertThat(EntityTags.matches("\"x\", \"a\"", "\"a\"")).isTrue();
        assertThat(EntityTags.matches("\"x\",W/\"a\"", "\"a\"")).isTrue();
        assertThat(EntityTags.matches("\"x\", \"y\"", "\"a\"")).isFalse();
        assertThat(EntityTags.matches("\"with,comma\"", "\"with,comma\"")).isTrue();
        assertThat(EntityTags.matches("\"with,comma\"", "\"comma\"")).isFalse();
    }

    @Test
    void aStarMatchesAnyStoredAnswer() {
        assertThat(EntityTags.matches("*", "\"a\"")).isTrue();
        assertThat(EntityTags.matches(" * ", null)).isTrue();
    }

    @Test
    void nothingUnreadableOrAbsentMatches() {
        assertThat(EntityTags.matches(null, "\"a\"")).isFalse();
        assertThat(EntityTags.matches("\"a\"", null)).isFalse();
        assertThat(EntityTags.matches("a", "\"a\"")).as("unquoted").isFalse();
        assertThat(EntityTags.matches("\"a", "\"a\"")).as("unterminated").isFalse();
        assertThat(EntityTags.matches("", "\"a\"")).isFalse();
    }
}
