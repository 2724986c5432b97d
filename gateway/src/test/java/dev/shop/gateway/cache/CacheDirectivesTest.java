package dev.shop.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CacheDirectivesTest {

    @Test
    void readsWhatTheCatalogueSends() {
        CacheDirectives d = CacheDirectives.parse(List.of("public, max-age=30"));
        assertThat(d.isPublic()).isTrue();
        assertThat(d.isPrivate()).isFalse();
        assertThat(d.noStore()).isFalse();
        assertThat(d.noCache()).isFalse();
        assertThat(d.malformed()).isFalse();
        assertThat(d.sharedMaxAge()).isEqualTo(30);

        CacheDirectives image = CacheDirectives.parse(List.of("public, max-age=31536000, immutable"));
        assertThat(image.sharedMaxAge()).isEqualTo(31_536_000);
        assertThat(image.malformed()).isFalse();

        CacheDirectives privately = CacheDirectives.parse(List.of("private, no-cache"));
        assertThat(privately.isPrivate()).isTrue();
        assertThat(privately.noCache()).isTrue();
        assertThat(privately.sharedMaxAge()).isEqualTo(CacheDirectives.ABSENT);
    }

    @Test
    void namesAreCaseInsensitiveAndLinesCombine() {
        CacheDirectives d = CacheDirectives.parse(List.of("PUBLIC", " Max-Age = 12 ,, no-transform"));
        assertThat(d.isPublic()).isTrue();
        assertThat(d.maxAge()).isEqualTo(12);
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void sMaxAgeIsTheSharedLifetime() {
        assertThat(CacheDirectives.parse(List.of("public, max-age=30, s-maxage=5")).sharedMaxAge()).isEqualTo(5);
        assertThat(CacheDirectives.parse(List.of("public, s-maxage=0, max-age=30")).sharedMaxAge()).isZero();
    }

    @Test
    void fieldListsAndQuotedValuesStillCount() {
        CacheDirectives d = CacheDirectives.parse(List.of("public, private=\"Set-Cookie, X-A\", max-age=30"));
        assertThat(d.isPrivate()).isTrue();
        assertThat(d.maxAge()).as("the comma inside the quotes does not end the directive").isEqualTo(30);
        assertThat(d.malformed()).isFalse();
        assertThat(CacheDirectives.parse(List.of("no-cache=\"Set-Cookie\"")).noCache()).isTrue();
        assertThat(CacheDirectives.parse(List.of("max-age=\"30\"")).maxAge()).isEqualTo(30);
    }

    @Test
    void lifetimesThatCannotBeReadMakeTheAnswerUncacheable() {
        assertThat(CacheDirectives.parse(List.of("public, max-age=thirty")).malformed()).isTrue();
        assertThat(CacheDirectives.parse(List.of("public, max-age=-1")).malformed()).isTrue();
        assertThat(CacheDirectives.parse(List.of("public, max-age=")).malformed()).isTrue();
        assertThat(CacheDirectives.parse(List.of("public, max-age")).malformed()).isTrue();
        assertThat(CacheDirectives.parse(List.of("public, max-age=30", "max-age=60")).malformed()).isTrue();
        assertThat(CacheDirectives.parse(List.of("public, private=\"Set-Cookie")).malformed()).isTrue();
    }

    @Test
    void hugeLifetimesAreCapped() {
        assertThat(CacheDirectives.parse(List.of("max-age=99999999999999999999999")).maxAge())
                .isEqualTo(2_147_483_648L);
    }

    @Test
    void noHeaderMeansNoDirectives() {
        assertThat(CacheDirectives.parse(List.of())).isEqualTo(CacheDirectives.NONE);
    }
}
