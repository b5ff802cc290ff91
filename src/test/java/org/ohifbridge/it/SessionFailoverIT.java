package org.ohifbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ohifbridge.Json;
import org.ohifbridge.testing.Await;
import org.ohifbridge.testing.Samples;

/**
 * Sessions that survive a node: on Tomcat, two Tomcats (separate JVMs) in a Tribes cluster (DeltaManager, static
 * members on loopback, replication acknowledged before the answer); on WildFly, two nodes on {@code standalone-ha.xml}
 * (Infinispan sessions, JGroups over TCP on loopback). The WAR in {@code oidc} mode on both, HAProxy round-robin in
 * front, Keycloak as the provider. A viewer signs on, reads a study through the load balancer (its
 * requests land on both nodes), one node is killed (SIGKILL), and the next images load on the other node with the
 * same session: no new sign-on, no new session.
 */
class SessionFailoverIT {
    /** The load balancer's port: the test realm lets Keycloak send browsers back to it (src/test/keycloak). */
    static final int LB_PORT = 18090;
    private static final String CONTEXT = "ha";

    /** The Engine's cluster: this node's receiver, both nodes as static members. */
    static String cluster(int self, int[] receivers) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < receivers.length; i++) {
            members.append("<Member className=\"org.apache.catalina.tribes.membership.StaticMember\" host=\"127.0.0.1\""
                    + " port=\"").append(receivers[i]).append("\" uniqueId=\"{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,")
                    .append(i + 1).append("}\"/>");
        }
        return """
                <Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster" channelSendOptions="6">
                  <Manager className="org.apache.catalina.ha.session.DeltaManager" expireSessionsOnShutdown="false"
                           notifyListenersOnReplication="true"/>
                  <Channel className="org.apache.catalina.tribes.group.GroupChannel">
                    <Membership className="org.apache.catalina.tribes.membership.StaticMembershipService">%s</Membership>
                    <Receiver className="org.apache.catalina.tribes.transport.nio.NioReceiver" address="127.0.0.1"
                              port="%d" autoBind="0" selectorTimeout="5000" maxThreads="6"/>
                    <Sender className="org.apache.catalina.tribes.transport.ReplicationTransmitter">
                      <Transport className="org.apache.catalina.tribes.transport.nio.PooledParallelSender"/>
                    </Sender>
                    <Interceptor className="org.apache.catalina.tribes.group.interceptors.TcpFailureDetector"/>
                    <Interceptor className="org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor"/>
                  </Channel>
                  <Valve className="org.apache.catalina.ha.tcp.ReplicationValve" filter=""/>
                  <ClusterListener className="org.apache.catalina.ha.session.ClusterSessionListener"/>
                </Cluster>
                """.formatted(members, self);
    }

    /** What the scenario needs of a node: to die, and its log. */
    interface Node {
        void kill() throws Exception;

        String log() throws java.io.IOException;
    }

    private static Map<String, String> settings() throws java.io.IOException {
        Map<String, String> settings = new LinkedHashMap<>(Keycloak.oidcSettings());
        settings.put("OrthancUrl", TestOrthanc.shared().url());
        settings.put("DataFolder", Deployments.dataFolder("ha"));
        return settings;
    }

    @Test
    void onTomcatWithDeltaManager() throws Exception {
        Assumptions.assumeTrue("tomcat".equals(System.getProperty("it.server")), "the Tomcat run does this one");
        Keycloak.awaitReady();
        int[] receivers = {TomcatProcess.freePort(), TomcatProcess.freePort()};
        int[] http = {TomcatProcess.freePort(), TomcatProcess.freePort()};
        Map<String, String> settings = settings();
        try (TomcatProcess n1 = new TomcatProcess(CONTEXT, settings, http[0], cluster(receivers[0], receivers));
             TomcatProcess n2 = new TomcatProcess(CONTEXT, settings, http[1], cluster(receivers[1], receivers))) {
            n1.start();
            n2.start();
            Await.until("the two nodes in one cluster", Duration.ofSeconds(30), Duration.ofMillis(250),
                    () -> n1.log().contains("Replication member added") && n2.log().contains("Replication member added"));
            failover("tomcat", new Node() {
                public void kill() throws Exception {
                    n1.kill();
                }

                public String log() throws java.io.IOException {
                    return n1.log() + n2.log();
                }
            }, List.of("127.0.0.1:" + http[0], "127.0.0.1:" + http[1]));
        }
    }

    @Test
    void onWildFlyWithInfinispan() throws Exception {
        Assumptions.assumeTrue("wildfly".equals(System.getProperty("it.server")), "the WildFly run does this one");
        Keycloak.awaitReady();
        int[] offsets = {200, 300};
        Map<String, String> settings = settings();
        try (WildFlyProcess n1 = new WildFlyProcess("node1", CONTEXT, offsets[0], offsets, settings);
             WildFlyProcess n2 = new WildFlyProcess("node2", CONTEXT, offsets[1], offsets, settings)) {
            n1.start();
            n2.start();
            Await.until("the two nodes in one cluster view", Duration.ofSeconds(60), Duration.ofMillis(500),
                    () -> n2.log().matches("(?s).*ISPN000094: Received new cluster view.*\\(2\\).*")
                            || n1.log().matches("(?s).*ISPN000094: Received new cluster view.*\\(2\\).*"));
            failover("wildfly", new Node() {
                public void kill() throws Exception {
                    n1.kill();
                }

                public String log() throws java.io.IOException {
                    return n1.log() + n2.log();
                }
            }, List.of("127.0.0.1:" + n1.httpPort(), "127.0.0.1:" + n2.httpPort()));
        }
    }

    /** Sign on through the load balancer, read, kill a node, read on: same session, no new sign-on. */
    private static void failover(String server, Node dying, List<String> nodes) throws Exception {
        try (TestHaproxy lb = new TestHaproxy(CONTEXT, nodes, LB_PORT)) {
            String base = lb.url(CONTEXT).toString();
            BrowserSession viewer = new BrowserSession();
            HttpResponse<String> page = viewer.signOn(base + "ohif/viewer?StudyInstanceUIDs=" + Samples.BRAIN_UID,
                    "viewer", "viewer-pw");
            assertEquals(200, page.statusCode(), "the viewer's page after signing on");
            String study = base + "dicom-web/studies/" + Samples.BRAIN_UID;
            HttpResponse<String> instances = viewer.send("GET", study + "/instances", null,
                    "Accept", "application/dicom+json");
            assertEquals(200, instances.statusCode());
            List<String> frames = new java.util.ArrayList<>();
            for (JsonNode i : Json.MAPPER.readTree(instances.body())) {
                frames.add(study + "/series/" + i.path("0020000E").path("Value").get(0).asText() + "/instances/"
                        + i.path("00080018").path("Value").get(0).asText() + "/frames/1");
            }
            String frameAccept = "multipart/related; type=application/octet-stream; transfer-syntax=*";
            for (String f : frames.subList(0, 4)) { // round-robin: both nodes serve the session
                assertEquals(200, viewer.send("GET", f, null, "Accept", frameAccept).statusCode(), f);
            }
            long cookiesBefore = viewer.setCookies.stream().filter(c -> c.startsWith("JSESSIONID=")).count();

            dying.kill();
            long t0 = System.nanoTime();
            int loaded = 0;
            for (String f : frames.subList(4, frames.size())) {
                HttpResponse<String> r = viewer.send("GET", f, null, "Accept", frameAccept);
                assertEquals(200, r.statusCode(), "after the kill, without a new sign-on: " + f + " "
                        + r.headers().firstValue("Location").orElse(""));
                loaded++;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(loaded >= 10, "images after the kill: " + loaded);
            assertEquals(cookiesBefore, viewer.setCookies.stream().filter(c -> c.startsWith("JSESSIONID=")).count(),
                    "the same session carries on (no new session cookie)");
            System.out.println("[SessionFailoverIT] " + server + ": node 1 killed; " + loaded + " frames loaded through"
                    + " HAProxy on node 2 in " + ms + " ms with the same session, no new sign-on");
            String log = dying.log();
            assertTrue(!log.contains("NotSerializableException") && !log.contains("not serializable"),
                    "everything in the session replicates");
        }
    }
}
