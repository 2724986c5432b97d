package dev.shop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmsLogTest {

    @TempDir
    Path dir;

    @Test
    void theLastMessagesOverallOrToOnePhone() throws Exception {
        Path log = dir.resolve("dev-sms.log");
        Files.writeString(log, String.join("\n",
                "+919000000002 2026-12-01T10:00:00Z o1:CONFIRMED Shop: your order SO-1 is confirmed.",
                "+919000000003 2026-12-01T10:01:00Z o2:CONFIRMED Shop: your order SO-2 is confirmed.",
                "+919000000002 2026-12-01T10:02:00Z o1:SHIPPED Shop: your order SO-1 has shipped.",
                ""));

        assertThat(SmsLog.last(log, "9000000002", 10)).hasSize(2).allMatch(l -> l.contains("SO-1"));
        assertThat(SmsLog.last(log, null, 2)).extracting(l -> l.split(" ")[2])
                .containsExactly("o2:CONFIRMED", "o1:SHIPPED");
        assertThat(SmsLog.last(log, "+919000000009", 10)).isEmpty();
        assertThat(SmsLog.last(dir.resolve("absent.log"), null, 10)).isEmpty();
    }
}
