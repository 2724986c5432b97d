package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtpLogTest {

    @TempDir
    Path dir;

    @Test
    void theLastLineForThePhoneWins() throws Exception {
        Path log = dir.resolve("dev-otp.log");
        Files.writeString(log, String.join("\n",
                "+919000000002 111111 register 2026-04-01T10:00:00Z",
                "+919000000003 222222 login 2026-04-01T10:01:00Z",
                "+919000000002 333333 login 2026-04-01T10:02:00Z",
                "+919000000003 444444 password-reset 2026-04-01T10:03:00Z",
                ""));

        assertThat(OtpLog.latestFor(log, "+919000000002")).hasValue(
                new OtpLog.Entry("+919000000002", "333333", "login", "2026-04-01T10:02:00Z"));
        assertThat(OtpLog.latestFor(log, "+919000000003")).get().extracting(OtpLog.Entry::code)
                .isEqualTo("444444");
    }

    @Test
    void aPhoneTypedWithoutCountryCodeOrWithSpacesIsFound() throws Exception {
        Path log = dir.resolve("dev-otp.log");
        Files.writeString(log, "+919000000002 123456 login 2026-04-01T10:00:00Z\n");

        assertThat(OtpLog.latestFor(log, "9000000002")).isPresent();
        assertThat(OtpLog.latestFor(log, "+91 90000 00002")).isPresent();
        assertThat(OtpLog.latestFor(log, "919000000002")).isPresent();
    }

    @Test
    void nothingForAnUnknownPhoneOrAMissingFile() throws Exception {
        Path log = dir.resolve("dev-otp.log");
        Files.writeString(log, "+919000000002 123456 login 2026-04-01T10:00:00Z\n\n");

        assertThat(OtpLog.latestFor(log, "+919000000009")).isEmpty();
        assertThat(OtpLog.latestFor(dir.resolve("absent.log"), "+919000000002")).isEmpty();
    }

    @Test
    void normalisationIsTrivial() {
        assertThat(OtpLog.normalisePhone("9000000002")).isEqualTo("+919000000002");
        assertThat(OtpLog.normalisePhone("+1 (415) 555-0100")).isEqualTo("+14155550100");
        assertThat(OtpLog.normalisePhone("+919000000002")).isEqualTo("+919000000002");
    }
}
