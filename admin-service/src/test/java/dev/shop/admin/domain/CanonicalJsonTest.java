package dev.shop.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keysAreSortedAtEveryLevelAndNullsLeftOut() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", null);
        inner.put("b", List.of(Map.of("y", true, "x", false)));
        Map<String, Object> outer = new HashMap<>();
        outer.put("outer", inner);
        outer.put("alpha", "A");

        assertThat(CanonicalJson.write(outer))
                .isEqualTo("{\"alpha\":\"A\",\"outer\":{\"b\":[{\"x\":false,\"y\":true}],\"z\":1}}");
    }

    @Test
    void theSameValueAlwaysGivesTheSameText() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("b", 2L);
        one.put("a", 1);
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("a", 1L);
        two.put("b", 2);

        assertThat(CanonicalJson.write(one)).isEqualTo(CanonicalJson.write(two)).isEqualTo("{\"a\":1,\"b\":2}");
    }

    @Test
    void stringsEscapeOnlyQuotesBackslashesAndControlCharacters() {
        assertThat(CanonicalJson.write("say \"hi\" \\ tab\tnew\nline \u0001 ünï €"))
                .isEqualTo("\"say \\\"hi\\\" \\\\ tab\\tnew\\nline \\u0001 ünï €\"");
    }

    @Test
    void decimalsArePlainWithoutTrailingZeros() {
        assertThat(CanonicalJson.write(Arrays.asList(4.50d, new BigDecimal("1E+3"), 0.0d, -0.25f)))
                .isEqualTo("[4.5,1000,0,-0.25]");
        assertThatThrownBy(() -> CanonicalJson.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawTextIsWrittenAsItIs() {
        assertThat(CanonicalJson.write(Map.of("v", new CanonicalJson.Raw("{\"a\":[1]}")))).isEqualTo("{\"v\":{\"a\":[1]}}");
    }
}
