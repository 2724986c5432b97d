package dev.shop.admin.api;

import java.util.ArrayList;
import java.util.List;

import dev.shop.admin.domain.AuditEntry;

/**
 * The CSV form of audit entries (RFC 4180: comma-separated, CRLF line ends, a cell with a comma, quote or line break
 * quoted and its quotes doubled). A cell that a spreadsheet would run as a formula, one starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return, gets a leading {@code '} so it is shown as text (OWASP
 * CSV injection).
 */
final class AuditCsv {

    static final List<String> COLUMNS = List.of("seq", "id", "at", "kind", "actorId", "actorPhone", "action",
            "targetType", "targetId", "outcome", "status", "detail", "requestId", "clientAddress", "source",
            "sourceEventId", "before", "after", "request", "prevHash", "hash");

    private static final String LINE_END = "\r\n";

    private AuditCsv() {
    }

    static String header() {
        return line(COLUMNS);
    }

    static String row(AuditEntry e) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(Long.toString(e.seq()));
        cells.add(e.id());
        cells.add(e.at() == null ? null : e.at().toString());
        cells.add(e.kind());
        cells.add(e.actorId());
        cells.add(e.actorPhone());
        cells.add(e.action());
        cells.add(e.targetType());
        cells.add(e.targetId());
        cells.add(e.outcome());
        cells.add(e.status() == null ? null : e.status().toString());
        cells.add(e.detail());
        cells.add(e.requestId());
        cells.add(e.clientAddress());
        cells.add(e.source());
        cells.add(e.sourceEventId());
        cells.add(e.before());
        cells.add(e.after());
        cells.add(e.request());
        cells.add(e.prevHash());
        cells.add(e.hash());
        return line(cells);
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = value;
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        if (formula) {
            text = "'" + text;
        }
        boolean quote = formula || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.append(LINE_END).toString();
    }
}
