package org.ohifbridge.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ohifbridge.testing.Http.header;
import static org.ohifbridge.testing.Http.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.orthanc.OrthancUnavailableException;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.preload.PreloadService;
import org.ohifbridge.preload.SkippedInstances;
import org.ohifbridge.testing.Echo;
import org.ohifbridge.testing.FakeOrthanc;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.TestSettings;

/** The launcher, the deep links and the Orthanc Explorer 2 redirect in-process, over an Orthanc in memory. */
class PortalResourcesTest {
    static final String OLD = "11111111-11111111-11111111-11111111-11111111";
    static final String NEW = "22222222-22222222-22222222-22222222-22222222";

    /** Two studies of one patient, as Orthanc's /tools/find and /studies?expand describe them. */
    final FakeOrthanc orthanc = new FakeOrthanc() {
        final List<ObjectNode> studies = List.of(study(OLD, "1.2.1", "ACC1", "20200101"),
                study(NEW, "1.2.2", "ACC2", "20240101"));

        @Override
        public JsonNode findStudies(Map<String, String> query, boolean caseSensitive, int limit) {
            if (query.containsValue("DOWN")) {
                throw new OrthancUnavailableException("Orthanc cannot be reached", null);
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (ObjectNode s : studies) {
                if (query.entrySet().stream().allMatch(q -> matches(s, q.getKey(), q.getValue(), caseSensitive))) {
                    out.add(s);
                }
            }
            return out;
        }

        @Override
        public long studyCount() {
            return studies.size();
        }

        @Override
        public JsonNode studiesSince(long since, int limit) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            studies.stream().skip(since).limit(limit).forEach(out::add);
            return out;
        }

        /** As Orthanc 1.12.5+ sorts by LastUpdate: the old study got a new instance last, so it comes first. */
        @Override
        public JsonNode studiesNewestFirst(long since, int limit) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            List.of(studies.get(0), studies.get(1)).stream().skip(since).limit(limit).forEach(out::add);
            return out;
        }

        @Override
        public JsonNode studySeries(String studyId) {
            ArrayNode series = JsonNodeFactory.instance.arrayNode();
            ObjectNode one = series.addObject();
            one.putObject("MainDicomTags").put("Modality", "MR");
            one.putArray("Instances").add("i1").add("i2");
            return series;
        }
    };
    InstanceRecordStore records;
    PreloadService preload;
    BackfillService backfill;
    InProcessServer server;

    static ObjectNode study(String id, String uid, String accession, String date) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("ID", id);
        s.putObject("MainDicomTags").put("StudyInstanceUID", uid).put("AccessionNumber", accession)
                .put("StudyDate", date).put("StudyDescription", "BRAIN <b>");
        s.putObject("PatientMainDicomTags").put("PatientName", "DOE^JANE").put("PatientID", "P1");
        return s;
    }

    static boolean matches(ObjectNode study, String attribute, String value, boolean caseSensitive) {
        JsonNode v = study.path("MainDicomTags").has(attribute) ? study.path("MainDicomTags").path(attribute)
                : study.path("PatientMainDicomTags").path(attribute);
        String pattern = Pattern.quote(value).replace("*", "\\E.*\\Q");
        return Pattern.compile(pattern, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE).matcher(v.asText()).matches();
    }

    private void start(String dataSource) {
        Settings settings = TestSettings.of("DataSource", dataSource);
        PublicPaths paths = new PublicPaths(settings);
        PortalStudies studies = new PortalStudies(orthanc);
        records = new InstanceRecordStore(orthanc);
        preload = new PreloadService(settings, orthanc, records, new SkippedInstances());
        backfill = new BackfillService(settings, orthanc, records, new SkippedInstances());
        server = InProcessServer.at("/pacs")
                .filter(ctx -> new DicomWebFormRedirect(paths, settings), "/ohif/*")
                .resources(ctx -> List.of(new LauncherResource(studies, paths, settings, preload, backfill),
                        new OpenResource(studies, paths, settings), new Echo()))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        records.stop();
    }

    private static void assertPage(HttpResponse<byte[]> r, int status) {
        assertEquals(status, r.statusCode(), text(r));
        assertTrue(header(r, "Content-Type").startsWith("text/html"));
        assertEquals("no-store", header(r, "Cache-Control"));
        assertTrue(header(r, "Content-Security-Policy").startsWith("default-src 'none'"));
        assertFalse(text(r).contains("<script"), "no script at all");
    }

    @Test
    void aLinkToOneStudyOpensTheViewerInThePluginsForm() throws Exception {
        start("dicom-web");
        HttpResponse<byte[]> r = server.get("open?AccessionNumber=ACC1");
        assertEquals(302, r.statusCode());
        assertEquals("/pacs/ohif/viewer?StudyInstanceUIDs=1.2.1", header(r, "Location"));
        assertEquals("no-store", header(r, "Cache-Control"));
        r = server.get("open?accessionnumber=ACC2&mode=mpr");
        assertEquals("/pacs/ohif/viewer?hangingprotocolId=mprAnd3DVolumeViewport&StudyInstanceUIDs=1.2.2",
                header(r, "Location"));
    }

    @Test
    void severalStudiesGiveAChooserNewestFirstAndBadLinksSayWhy() throws Exception {
        start("dicom-web");
        HttpResponse<byte[]> chooser = server.get("open?PatientID=P1");
        assertPage(chooser, 200);
        String html = text(chooser);
        assertTrue(html.indexOf("ACC2") < html.indexOf("ACC1"), "newest first");
        assertTrue(html.contains("BRAIN &lt;b&gt;"), "escaped");
        assertTrue(html.contains("Open all 2 together"));
        HttpResponse<byte[]> wildcard = server.get("open?PatientID=P*");
        assertPage(wildcard, 400);
        assertTrue(text(wildcard).contains("wildcards"));
        assertPage(server.get("open?PatientID=NOBODY"), 404);
        HttpResponse<byte[]> down = server.get("open?PatientID=DOWN");
        assertPage(down, 502);
        assertTrue(text(down).contains("Image archive unavailable"));
        assertFalse(text(down).contains("Exception"));
    }

    @Test
    void theLauncherListsTheLatestAndSearches() throws Exception {
        start("dicom-web");
        HttpResponse<byte[]> latest = server.get("");
        assertPage(latest, 200);
        assertTrue(text(latest).contains("Latest arrivals"), text(latest));
        assertTrue(text(latest).contains("DOE, JANE"));
        assertTrue(text(latest).indexOf("ACC2") < text(latest).indexOf("ACC1"), "the latest arrival first");
        HttpResponse<byte[]> search = server.get("?q=doe%20jane");
        assertPage(search, 200);
        assertTrue(text(search).contains("Studies matching \u201cdoe jane\u201d"), text(search));
        assertTrue(text(search).toLowerCase(Locale.ROOT).contains("href=\"/pacs/ohif/viewer?studyinstanceuids=1.2.1\""));
        assertPage(server.get("?page=x"), 400);
    }

    @Test
    void onAnOrthancThatCanSortTheLatestArrivalsAreAskedSortedNotByPosition() throws Exception {
        orthanc.extendedFind = true; // Orthanc 1.12.5+: /studies?since= would list by id
        start("dicom-web");
        HttpResponse<byte[]> latest = server.get("");
        assertPage(latest, 200);
        assertTrue(text(latest).indexOf("ACC1") < text(latest).indexOf("ACC2"), "the study updated last first");
        server.get("?page=1");
        assertEquals(1, orthanc.calls("hasExtendedFind"), "asked once");
    }

    @Test
    void withDicomJsonLinksTakeThatFormAndOrthancExplorer2LinksAreSentOn() throws Exception {
        start("dicom-json");
        HttpResponse<byte[]> r = server.get("open?AccessionNumber=ACC1");
        assertEquals("/pacs/ohif/viewer?url=../studies/" + OLD + "/ohif-dicom-json", header(r, "Location"));
        HttpResponse<byte[]> oe2 = server.get("ohif/viewer?hangingprotocolId=mprAnd3DVolumeViewport&StudyInstanceUIDs=1.2.1");
        assertEquals(302, oe2.statusCode());
        assertEquals("/pacs/open?StudyInstanceUID=1.2.1&mode=mpr", header(oe2, "Location"));
        assertEquals("require-corp", header(oe2, "Cross-Origin-Embedder-Policy"));
        assertEquals(200, server.get("ohif/viewer?url=../studies/x/ohif-dicom-json&StudyInstanceUIDs=1.2.1")
                .statusCode(), "a DICOM JSON link goes on to the viewer");
        assertEquals(200, server.get("ohif/app-config.js?StudyInstanceUIDs=1.2.1").statusCode());
    }

    @Test
    void withDicomWebOrthancExplorer2LinksGoStraightToTheViewer() throws Exception {
        start("dicom-web");
        HttpResponse<byte[]> r = server.get("ohif/viewer?StudyInstanceUIDs=1.2.1");
        assertEquals(200, r.statusCode());
        assertEquals("GET /ohif/viewer", text(r), "passed on to the viewer's page");
    }
}
