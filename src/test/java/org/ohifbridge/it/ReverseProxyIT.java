package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Http;

/**
 * Behind a reverse proxy that publishes the WAR under a prefix: X-Forwarded-Prefix is honoured only from a
 * trusted proxy address (here the loopback the test connects from), and the explicit RouterBasename wins.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReverseProxyIT {

    @Deployment(name = "trusting", testable = false)
    static WebArchive trusting() {
        return Deployments.war("trusting.war", Map.of("OrthancUrl", TestOrthanc.shared().url(),
                "TrustedProxies", "127.0.0.1,::1"));
    }

    @Deployment(name = "untrusting", testable = false)
    static WebArchive untrusting() {
        return Deployments.war("untrusting.war", Map.of("OrthancUrl", TestOrthanc.shared().url()));
    }

    @Deployment(name = "explicit", testable = false)
    static WebArchive explicit() {
        return Deployments.war("explicit.war", Map.of("OrthancUrl", TestOrthanc.shared().url(),
                "RouterBasename", "/imaging/demo/ohif"));
    }

    @ArquillianResource
    @OperateOnDeployment("trusting")
    URL trusting;

    @ArquillianResource
    @OperateOnDeployment("untrusting")
    URL untrusting;

    @ArquillianResource
    @OperateOnDeployment("explicit")
    URL explicit;

    @Test
    void trustedPrefixIsUsedEverywhere() throws Exception {
        String config = Http.text(Http.get(trusting, "ohif/app-config.js", "X-Forwarded-Prefix", "/imaging"));
        assertTrue(config.contains("routerBasename = '/imaging/trusting/ohif/';"), config);
        assertTrue(config.contains("qidoRoot: '/imaging/trusting/dicom-web'"));
        String html = Http.text(Http.get(trusting, "ohif/viewer", "X-Forwarded-Prefix", "/imaging"));
        assertTrue(html.contains("src=\"/imaging/trusting/ohif/app-config.js\""));
        JsonNode studies = Json.MAPPER.readTree(Http.get(trusting, "dicom-web/studies", "X-Forwarded-Prefix", "/imaging").body());
        assertTrue(studies.get(0).path("00081190").path("Value").path(0).asText()
                .startsWith("/imaging/trusting/dicom-web/studies/"));
        assertEquals("/imaging/trusting/ohif/", Http.header(Http.get(trusting, "ohif", "X-Forwarded-Prefix", "/imaging"),
                "Location"));
        // a forged value is ignored even from a trusted proxy
        String forged = Http.text(Http.get(trusting, "ohif/app-config.js", "X-Forwarded-Prefix", "/x'</script>"));
        assertTrue(forged.contains("routerBasename = '/trusting/ohif/';"));
    }

    @Test
    void untrustedPrefixIsIgnored() throws Exception {
        String config = Http.text(Http.get(untrusting, "ohif/app-config.js", "X-Forwarded-Prefix", "/imaging"));
        assertTrue(config.contains("routerBasename = '/untrusting/ohif/';"), config);
        assertTrue(config.contains("qidoRoot: '/untrusting/dicom-web'"));
    }

    @Test
    void explicitRouterBasename() throws Exception {
        String config = Http.text(Http.get(explicit, "ohif/app-config.js"));
        assertTrue(config.contains("routerBasename = '/imaging/demo/ohif/';"), config);
        assertTrue(config.contains("wadoRoot: '/imaging/demo/dicom-web'"), "the plugin's ../dicom-web, resolved");
    }
}
