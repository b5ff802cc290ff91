package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.PublicPaths;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancClient;
import org.ohifbridge.testing.InProcessServer;
import org.ohifbridge.testing.StubOrthanc;
import org.ohifbridge.testing.TestSettings;

/**
 * The queries the proxy hands on to Orthanc, sent raw on a socket: characters a container lets through with
 * {@code relaxedQueryChars} (as a deployment may configure it), malformed escapes, hostile searches and renderings.
 */
class DicomWebQueryTest {
    StubOrthanc orthanc;
    OrthancClient client;
    InProcessServer server;

    @BeforeEach
    void start() {
        orthanc = StubOrthanc.answering(seen -> StubOrthanc.Answer.json("[]"));
        Settings settings = TestSettings.of("OrthancUrl", orthanc.url());
        client = new OrthancClient(settings);
        OrthancApi api = new OrthancApi(client);
        server = InProcessServer.at("/pacs")
                .connector("relaxedQueryChars", "\"<>[\\]^`{|}")
                .connector("maxHttpHeaderSize", "65536") // as WildFly's larger default: the WAR's own cap must hold
                .filter(ctx -> new RawAcceptFilter(), "/dicom-web/*", "/instances/*")
                .resources(ctx -> List.of(new DicomWebResource(api, new PublicPaths(settings), new org.ohifbridge.access.StudyGate(api))))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        orthanc.close();
    }

    private RawRequest get(String target) throws Exception {
        return RawRequest.get(server.uri(""), "/pacs/dicom-web/" + target);
    }

    @Test
    void charactersTheContainerLetsThroughRawArePercentEncodedForOrthanc() throws Exception {
        RawRequest r = get("studies?PatientName=DOE^JOHN&ModalitiesInStudy=CT|MR&x={[`\"<>\\]}&limit=101");
        assertEquals(200, r.status(), r.head() + r.text());
        assertEquals("/dicom-web/studies?PatientName=DOE%5EJOHN&ModalitiesInStudy=CT%7CMR"
                + "&x=%7B%5B%60%22%3C%3E%5C%5D%7D&limit=101", orthanc.seen.get(0).pathAndQuery());
    }

    @Test
    void aMalformedEscapeIsASmall400NeverA500() throws Exception {
        for (String query : List.of("PatientName=50%", "PatientName=DOE%zz", "PatientName=%2")) {
            RawRequest r = get("studies?" + query);
            assertEquals(400, r.status(), query + " " + r.text());
            assertEquals("{\"status\":400,\"error\":\"malformed percent-escape in the query (send % as %25)\"}",
                    r.text(), query);
        }
        assertEquals(List.of(), orthanc.seen);
    }

    @Test
    void theAnswerComesBackAsUsual() throws Exception {
        RawRequest r = get("studies?PatientName=A|B");
        assertEquals("[]", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void searchesReachOrthancWithABoundedLimit() throws Exception {
        for (String target : List.of("studies?PatientName=*DOE*", "studies?limit=999999", "studies?limit=0",
                "series", "studies?limit=101&offset=100", "studies/1.2/series?includefield=0008103E",
                "studies/1.2/series/1.3/instances?limit=1")) {
            assertEquals(200, get(target).status(), target);
        }
        assertEquals(List.of("/dicom-web/studies?PatientName=*DOE*&limit=1000", "/dicom-web/studies?limit=1000",
                "/dicom-web/studies?limit=1000", "/dicom-web/series?limit=1000", "/dicom-web/studies?limit=101&offset=100",
                "/dicom-web/studies/1.2/series?includefield=0008103E&limit=50000",
                "/dicom-web/studies/1.2/series/1.3/instances?limit=1"),
                orthanc.seen.stream().map(StubOrthanc.Seen::pathAndQuery).toList());
    }

    @Test
    void hostileSearchesAreSmall400sThatNeverReachOrthanc() throws Exception {
        String longQuery = "PatientName=" + "A".repeat(UpstreamQuery.MAX_QUERY_CHARS);
        assertEquals("{\"status\":400,\"error\":\"query too long (at most 8192 characters)\"}",
                get("studies?" + longQuery).text());
        assertEquals("{\"status\":400,\"error\":\"too many wildcards in the search (at most 32)\"}",
                get("studies?PatientName=" + "*a".repeat(33)).text());
        assertEquals("{\"status\":400,\"error\":\"limit must be a whole number\"}", get("studies?limit=-1").text());
        assertEquals(400, get("studies/1.2/series?PatientName=" + "?".repeat(33)).status());
        assertEquals(List.of(), orthanc.seen);
        String atTheCap = "PatientName=" + "A".repeat(UpstreamQuery.MAX_QUERY_CHARS - "PatientName=".length());
        assertEquals(200, get("studies?" + atTheCap).status(), "at the cap");
    }

    @Test
    void aHugeRenderingIsClampedNotRefused() throws Exception {
        RawRequest r = get("studies/1.2/series/1.3/instances/1.4/frames/1/rendered?viewport=100000,100000&quality=80");
        assertEquals(200, r.status());
        assertEquals("/dicom-web/studies/1.2/series/1.3/instances/1.4/frames/1/rendered?viewport=4096,4096&quality=80",
                orthanc.seen.get(0).pathAndQuery());
    }
}
