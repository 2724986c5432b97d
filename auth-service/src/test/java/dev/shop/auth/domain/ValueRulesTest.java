package dev.shop.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.validation.PhoneNumber;

class ValueRulesTest {

    @ParameterizedTest
    @ValueSource(strings = { "+91 98123 45678", "098123 45678", "9812345678", "+91-9812345678", "+919812345678" })
    void phoneSpellingsNormaliseToOneE164(String raw) {
        assertThat(PhoneNumber.parse("phoneNumber", raw, "IN").e164()).isEqualTo("+919812345678");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "12345", "+91 12", "abcdefghij", "+999 1234567", "9812345678901234567890123456789012" })
    void invalidPhonesAreA400NamingTheField(String raw) {
        assertThatThrownBy(() -> PhoneNumber.parse("phoneNumber", raw, "IN"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    ProblemException p = (ProblemException) e;
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.violations()).extracting(v -> v.field()).containsExactly("phoneNumber");
                });
    }

    @Test
    void theDefaultRegionIsConfigurable() {
        assertThat(PhoneNumber.parse("p", "(415) 555-2671", "US").e164()).isEqualTo("+14155552671");
        assertThat(PhoneNumber.parse("p", "+14155552671", "IN").masked()).isEqualTo("+14*******71");
    }

    @Test
    void passwordPolicy() {
        PasswordPolicy.check("password", "Tangerine-Harbor-42");
        PasswordPolicy.check("password", "a".repeat(7) + "€");
        assertThatThrownBy(() -> PasswordPolicy.check("password", "short")).hasMessageContaining("between 8 and 128");
        assertThatThrownBy(() -> PasswordPolicy.check("password", "x".repeat(129)))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PasswordPolicy.check("password", "PASSWORD123")).hasMessageContaining("too common");
        assertThatThrownBy(() -> PasswordPolicy.check("password", "         ")).isInstanceOf(ProblemException.class);
        assertThat(PasswordPolicy.isCommon("qwertyuiop")).isTrue();
        // The shipped list is the 100,000 most common passwords of 8+ characters, down to rare ones like this.
        assertThat(PasswordPolicy.isCommon("Smokey212")).isTrue();
        assertThat(PasswordPolicy.listSize()).isEqualTo(100_000);
    }

    @Test
    void usernames() {
        assertThat(Username.normalise("username", "  Ana-María.R_2 ")).isEqualTo("Ana-María.R_2");
        assertThatThrownBy(() -> Username.normalise("username", "ab")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Username.normalise("username", "a".repeat(31))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Username.normalise("username", "x$y z")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Username.normalise("username", null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void otpCodesAreSixDigitsAndStoredAsKeyedHashes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = OtpCodes.newCode();
            assertThat(code).matches("[0-9]{6}");
            seen.add(code);
        }
        assertThat(seen.size()).isGreaterThan(1990);

        PhoneNumber phone = new PhoneNumber("+919812345678");
        OtpCodes codes = new OtpCodes(new byte[32]);
        OtpCodes otherKey = new OtpCodes("another key of thirty-two bytes!".getBytes());
        String hash = codes.hash(OtpPurpose.LOGIN, phone, "123456");
        assertThat(hash).doesNotContain("123456");
        assertThat(codes.matches(OtpPurpose.LOGIN, phone, "123456", hash)).isTrue();
        assertThat(codes.matches(OtpPurpose.LOGIN, phone, "123457", hash)).isFalse();
        assertThat(codes.matches(OtpPurpose.RESET, phone, "123456", hash)).isFalse();
        assertThat(codes.matches(OtpPurpose.LOGIN, new PhoneNumber("+919812345679"), "123456", hash)).isFalse();
        assertThat(otherKey.matches(OtpPurpose.LOGIN, phone, "123456", hash)).isFalse();
        assertThatThrownBy(() -> new OtpCodes(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opaqueTokensAreRandomAndStoredAsHashes() {
        String token = OpaqueTokens.newToken();
        assertThat(OpaqueTokens.looksValid(token)).isTrue();
        assertThat(token).isNotEqualTo(OpaqueTokens.newToken());
        assertThat(OpaqueTokens.hash(token)).isNotEqualTo(token).isEqualTo(OpaqueTokens.hash(token));
        assertThat(OpaqueTokens.looksValid("{\"$ne\":null}")).isFalse();
        assertThat(OpaqueTokens.newId()).matches("[0-9a-f]{32}");
    }

    @Test
    void addressDraftsAreNormalised() {
        AddressDraft valid = new AddressDraft(" Kiran ", "98450 12345", " 1 Road ", "", null, "Pune", "MH", "411001",
                null, false).validate("IN");
        assertThat(valid.fullName()).isEqualTo("Kiran");
        assertThat(valid.phoneNumber()).isEqualTo("+919845012345");
        assertThat(valid.country()).isEqualTo("IN");
        assertThat(valid.line2()).isNull();
        assertThatThrownBy(() -> new AddressDraft("K", "98450 12345", "1 Road", null, null, "Pune", "MH", "011001",
                "IN", false).validate("IN")).hasMessageContaining("postalCode");
        assertThatThrownBy(() -> new AddressDraft("K\u0007", "98450 12345", "1 Road", null, null, "Pune", "MH",
                "411001", "IN", false).validate("IN")).hasMessageContaining("fullName");
    }
}
