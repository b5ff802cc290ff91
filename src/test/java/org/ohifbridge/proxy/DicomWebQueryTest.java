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
 * {@code relaxedQueryChars} (as a deployment may configure it), malformed escapes.
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
                .filter(ctx -> new RawAcceptFilter(), "/dicom-web/*", "/instances/*")
                .resources(ctx -> List.of(new DicomWebResource(api, new PublicPaths(settings))))
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
}
