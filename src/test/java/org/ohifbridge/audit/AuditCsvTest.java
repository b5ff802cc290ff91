package org.ohifbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {
    @Test
    void cellsAreQuotedWhereNeededAndFormulasDefused() {
        assertEquals("", AuditCsv.cell(null));
        assertEquals("plain", AuditCsv.cell("plain"));
        assertEquals("\"a,b\"", AuditCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", AuditCsv.cell("say \"hi\""));
        assertEquals("'=HYPERLINK(\"x\")", AuditCsv.cell("=HYPERLINK(\"x\")").replace("\"\"", "\"").replaceAll("^\"|\"$", ""));
        assertEquals("'@cmd", AuditCsv.cell("@cmd"));
        assertEquals("\"'-1,2\"", AuditCsv.cell("-1,2"));
        assertEquals("\"line\nbreak\"", AuditCsv.cell("line\nbreak"));
    }

    @Test
    void oneLinePerRowAfterTheHeader() {
        String csv = AuditCsv.of(List.of(new AuditTable.Row(Instant.parse("2026-12-06T10:00:00Z"), "study-open", "vera",
                "1.2.3", null, "10.0.0.1", "node/abc", "{\"a\":1,\"b\":2}")));
        assertEquals("time,action,user,study,orthancStudy,client,replica,event\r\n"
                + "2026-12-06T10:00:00Z,study-open,vera,1.2.3,,10.0.0.1,node/abc,\"{\"\"a\"\":1,\"\"b\"\":2}\"\r\n", csv);
    }
}
