package org.ohifbridge.audit;

import java.util.List;

/**
 * Audit rows as CSV (RFC 4180: quoted where needed, CRLF). A value a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) is written with a leading apostrophe: user names and user agents come
 * from the outside.
 */
final class AuditCsv {
    private AuditCsv() {
    }

    static String of(List<AuditTable.Row> rows) {
        StringBuilder b = new StringBuilder("time,action,user,study,orthancStudy,client,replica,event\r\n");
        for (AuditTable.Row r : rows) {
            b.append(r.time()).append(',').append(cell(r.action())).append(',').append(cell(r.user())).append(',')
                    .append(cell(r.studyUid())).append(',').append(cell(r.orthancStudy())).append(',')
                    .append(cell(r.client())).append(',').append(cell(r.replica())).append(',')
                    .append(cell(r.event())).append("\r\n");
        }
        return b.toString();
    }

    static String cell(String v) {
        if (v == null || v.isEmpty()) {
            return "";
        }
        String s = "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
