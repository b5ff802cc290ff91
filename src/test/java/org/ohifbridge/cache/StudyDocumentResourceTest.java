package org.ohifbridge.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ohifbridge.testing.Http.header;
import static org.ohifbridge.testing.Http.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.Json;
import org.ohifbridge.audit.AuditNote;
import org.ohifbridge.dicomjson.Golden;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.Samples;
import org.ohifbridge.testing.TestSettings;

/** The study document route in-process: encodings, revalidation, errors, and what it tells the audit. */
class StudyDocumentResourceTest {
    static final String PATH = "studies/" + Samples.BRAIN_STUDY + "/ohif-dicom-json";

    final FakeOrthanc orthanc = new FakeOrthanc();
    final List<AuditNote> notes = new CopyOnWriteArrayList<>();
    InstanceRecordStore records;
    StudyDocuments documents;
    InProcessServer server;

    @BeforeEach
    void start() {
        for (int i = 0; i < 3; i++) {
            ObjectNode tags = Golden.read("tags/mr-brain-brain_00" + (1 + i % 2) + ".json").deepCopy();
            tags.put("0008,0018", "1.2.3.4." + i);
            orthanc.addInstance(Samples.BRAIN_STUDY, Samples.instanceId(i), tags);
        }
        records = new InstanceRecordStore(orthanc);
        documents = new StudyDocuments(orthanc, records, TestSettings.of());
        server = InProcessServer.at("/pacs")
                .filter(ctx -> (rq, rs, chain) -> {
                    chain.doFilter(rq, rs);
                    notes.add(AuditNote.of(rq));
                }, "/*")
                .resources(ctx -> List.of(new StudyDocumentResource(documents, new org.ohifbridge.access.StudyGate(null))))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        documents.stop();
        records.stop();
    }

    @Test
    void gzipWhenAcceptedWithAStrongEtagThen304() throws Exception {
        HttpResponse<byte[]> gz = server.get(PATH, "Accept-Encoding", "gzip");
        assertEquals(200, gz.statusCode());
        assertEquals("gzip", header(gz, "Content-Encoding"));
        assertTrue(header(gz, "Content-Type").startsWith("application/json"));
        assertEquals("Accept-Encoding", header(gz, "Vary"));
        assertEquals("private, no-cache", header(gz, "Cache-Control"));
        String etag = header(gz, "ETag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        byte[] json = Gzip.decompress(gz.body(), 1 << 24);
        assertEquals(3, Json.MAPPER.readTree(json).path("studies").get(0).path("NumInstances").asInt());

        HttpResponse<byte[]> plain = server.get(PATH);
        assertEquals(null, header(plain, "Content-Encoding"));
        assertArrayEquals(json, plain.body(), "the same document, inflated for a client without gzip");

        HttpResponse<byte[]> again = server.get(PATH, "If-None-Match", etag, "Accept-Encoding", "gzip");
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, header(again, "ETag"));
    }

    @Test
    void theAuditLearnsTheStudyAndItsInstancesWithoutAskingOrthanc() throws Exception {
        assertEquals(200, server.get(PATH).statusCode());
        // the note filter keeps the note after the answer went out: the client may see the answer first
        AuditNote note = Await.value("the request's audit note", Duration.ofSeconds(5), () -> notes, l -> !l.isEmpty())
                .get(0);
        String uid = Golden.read("tags/mr-brain-brain_001.json").path("0020,000d").asText();
        assertEquals(List.of(uid), note.studies());
        assertEquals(List.of("00000000-00000000-00000000-00000000-00000000", "00000001-00000000-00000000-00000000-00000000",
                "00000002-00000000-00000000-00000000-00000000"), note.instances());
    }

    @Test
    void aBadIdIs400AndAnUnknownStudy404WithSmallJson() throws Exception {
        HttpResponse<byte[]> bad = server.get("studies/not-an-id/ohif-dicom-json");
        assertEquals(400, bad.statusCode());
        assertEquals("{\"status\":400,\"error\":\"not an Orthanc study id\"}", text(bad));
        HttpResponse<byte[]> unknown = server.get("studies/00000000-11111111-22222222-33333333-44444444/ohif-dicom-json");
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"status\":404,\"error\":\"not found\"}", text(unknown));
        assertEquals("no-store", header(unknown, "Cache-Control"));
    }
}
