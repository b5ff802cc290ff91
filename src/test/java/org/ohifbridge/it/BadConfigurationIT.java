package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ohifbridge.testing.Http;

/** An invalid setting stops the deployment: the container refuses to start it (nothing half-configured runs). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadConfigurationIT {
    @Deployment(name = "bad", testable = false, managed = false)
    static WebArchive bad() {
        return Deployments.war("badconfig.war", Map.of("DataSource", "dicomweb", "SignOn", "oidc"));
    }

    @Deployment(name = "good", testable = false)
    static WebArchive good() {
        return Deployments.war("goodconfig.war", Map.of("OrthancUrl", TestOrthanc.shared().url()));
    }

    @ArquillianResource
    @OperateOnDeployment("good")
    URL good;

    @ArquillianResource
    Deployer deployer;

    @Test
    void theInvalidDeploymentIsNotServedAndTheValidOneIs() throws Exception {
        // Tomcat's adapter: "... failed to start"; WildFly's: a DeploymentException naming the failed service
        Exception e = assertThrows(Exception.class, () -> deployer.deploy("bad"));
        String why = String.valueOf(e.getMessage()) + " " + e.getCause();
        assertTrue(why.contains("failed to start") || why.contains("badconfig"), why);
        assertTrue(ServerLog.text().contains(
                "ohif-bridge will not start: invalid ohif-bridge configuration: DataSource must be one of \"dicom-web\", \"dicom-json\","
                        + " but found: \"dicomweb\""), "the log names the allowed values");
        assertTrue(ServerLog.text().contains("OidcIssuer is required with SignOn=oidc"), "and every other problem");
        URL bad = new URL(good, "/badconfig/");
        assertEquals(404, Http.get(bad, "ohif/app-config.js").statusCode());
        assertEquals(200, Http.get(good, "ohif/app-config.js").statusCode());
    }
}
