package dev.shop.contracts.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProblemCatalogueTest {

    @Test
    void everyCommonTypeIsListedWithItsStatusAndTitle() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(ProblemCatalogue.byType(type.uri())).as(type.uri()).hasValueSatisfying(entry -> {
                assertThat(entry.status()).isEqualTo(type.status());
                assertThat(entry.title()).isEqualTo(type.title());
            });
        }
        assertThat(ProblemCatalogue.byType(DecoderFailures.URI_TOO_LONG_TYPE)).isPresent();
        assertThat(ProblemCatalogue.byType(DecoderFailures.HEADERS_TOO_LARGE_TYPE)).isPresent();
    }

    @Test
    void slugsAreUniqueAndEveryEntryExplainsItself() {
        Set<String> seen = new HashSet<>();
        for (ProblemCatalogue.Entry entry : ProblemCatalogue.all()) {
            assertThat(seen.add(entry.slug())).as("duplicate " + entry.slug()).isTrue();
            assertThat(entry.slug()).matches("[a-z0-9-]+");
            assertThat(entry.status()).isBetween(400, 599);
            assertThat(entry.meaning()).as(entry.slug()).hasSizeGreaterThan(40);
        }
    }

    @Test
    void typesResolveAsReferencesOrAgainstAnOrigin() {
        assertThat(ProblemCatalogue.byType("/problems/validation")).map(ProblemCatalogue.Entry::status).hasValue(400);
        assertThat(ProblemCatalogue.byType("http://localhost:8080/problems/rate-limited"))
                .map(ProblemCatalogue.Entry::status).hasValue(429);
        assertThat(ProblemCatalogue.byType("/problems/no-such-thing")).isEmpty();
        assertThat(ProblemCatalogue.byType("/elsewhere/problems/validation")).isEmpty();
        assertThat(ProblemCatalogue.byType("about:blank")).isEmpty();
    }

    /** The frontend guide explains every type: adding one here without documenting it fails the build. */
    @Test
    void theApiGuideNamesEveryType() throws IOException {
        Path guide = Path.of("../../docs/api.md");
        assertThat(guide).exists();
        String text = Files.readString(guide, StandardCharsets.UTF_8);
        for (ProblemCatalogue.Entry entry : ProblemCatalogue.all()) {
            assertThat(text).as("docs/api.md names " + entry.type()).contains("`" + entry.type() + "`");
        }
    }
}
