package dev.shop.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void plainCellsStayAsTheyAre() {
        assertThat(AuditCsv.cell("user.block")).isEqualTo("user.block");
        assertThat(AuditCsv.cell("42")).isEqualTo("42");
        assertThat(AuditCsv.cell(null)).isEmpty();
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertThat(AuditCsv.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void cellsASpreadsheetWouldRunAreTurnedIntoText() {
        assertThat(AuditCsv.cell("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(AuditCsv.cell("+919000000001")).isEqualTo("\"'+919000000001\"");
        assertThat(AuditCsv.cell("-2")).isEqualTo("\"'-2\"");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(AuditCsv.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(AuditCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditCsv.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void theHeaderNamesEveryColumnOnOneCrlfLine() {
        assertThat(AuditCsv.header()).startsWith("seq,id,at,kind,actorId,").endsWith(",prevHash,hash\r\n");
    }
}
