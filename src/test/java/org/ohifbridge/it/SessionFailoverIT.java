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
 * Sessions that survive a node: on Tomcat, two Tomcats (separate JVMs) in a Tribes cluster (static members on
 * loopback, replication acknowledged before the answer) with the DeltaManager named in the WAR's context file; on
 * WildFly, two nodes on {@code standalone-ha.xml} (Infinispan sessions, JGroups over TCP on loopback). The WAR in {@code oidc} mode on both,
 * HAProxy in front (sessions sticky while their node lives), Keycloak as the provider. A viewer signs on, reads a
 * study through the load balancer, the other node is asked directly that it knows the session, the session's node is
 * killed (SIGKILL), and the next images load on the other node with the same session: no new sign-on. On Tomcat an
 * HTTP client plays the browser (Keycloak's real form, cookies, redirects); on WildFly Chromium does, and the viewer
 * renders the study again after the kill.
 */
class SessionFailoverIT {
    /** The load balancer's port: the test realm lets Keycloak send browsers back to it (src/test/keycloak). */
    static final int LB_PORT = 18090;
    private static final String CONTEXT = "ha";
    /** The WAR's session manager, as the README tells a Tomcat admin to set it in the context file. */
    static final String MANAGER = "<Manager className=\"org.apache.catalina.ha.session.DeltaManager\""
            + " expireSessionsOnShutdown=\"false\" notifyListenersOnReplication=\"true\"/>";

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

    /** What the scenario needs of the nodes: to kill one, and their logs. */
    interface Nodes {
        void kill(int node) throws Exception;

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
        try (TomcatProcess n1 = new TomcatProcess(CONTEXT, settings, http[0], cluster(receivers[0], receivers), MANAGER);
             TomcatProcess n2 = new TomcatProcess(CONTEXT, settings, http[1], cluster(receivers[1], receivers),
                     MANAGER)) {
            n1.start();
            n2.start();
            Await.until("the two nodes in one cluster", Duration.ofSeconds(30), Duration.ofMillis(250),
                    () -> n1.log().contains("Replication member added") && n2.log().contains("Replication member added"));
            failover("tomcat", new Nodes() {
                public void kill(int node) throws Exception {
                    (node == 0 ? n1 : n2).kill();
                }

                public String log() throws java.io.IOException {
                    return n1.log() + n2.log();
                }
            }, List.of("127.0.0.1:" + http[0], "127.0.0.1:" + http[1]));
        }
    }

    /**
     * The WAR as shipped ({@code <distributable/>}) on two WildFly nodes. Before the session kept its id at sign-on
     * ({@code ChangingIdSessionStore}), the session pac4j created after invalidating the sign-on's one stayed locked in
     * Infinispan, and the other node answered 500 ("ISPN000299: Unable to acquire lock").
     */
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
                    () -> n1.log().contains("Node node2 joined the cluster"));
            failoverInChromium("wildfly", new Nodes() {
                public void kill(int node) throws Exception {
                    (node == 0 ? n1 : n2).kill();
                }

                public String log() throws java.io.IOException {
                    return n1.log() + n2.log();
                }
            }, List.of("127.0.0.1:" + n1.httpPort(), "127.0.0.1:" + n2.httpPort()));
        }
    }

    /**
     * Sign on through the load balancer, read, kill the node the session sticks to, read on: the same session, no new
     * sign-on.
     */
    private static void failover(String server, Nodes dying, List<String> nodes) throws Exception {
        try (TestHaproxy lb = new TestHaproxy(CONTEXT, nodes, LB_PORT)) {
            String base = lb.url(CONTEXT).toString();
            BrowserSession viewer = new BrowserSession();
            HttpResponse<String> page = viewer.signOn(base + "ohif/viewer?StudyInstanceUIDs=" + Samples.BRAIN_UID,
                    "viewer", "viewer-pw");
            assertEquals(200, page.statusCode(), "the viewer's page after signing on");
            List<String> ids = viewer.setCookies.stream().filter(c -> c.startsWith("JSESSIONID="))
                    .map(c -> c.substring(11, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).toList();
            assertTrue(ids.size() >= 2 && !ids.get(0).equals(ids.get(ids.size() - 1)),
                    "the session opened for the sign-on gets a new id once signed on (fixation): " + ids.size() + " ids");
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
            for (String f : frames.subList(0, 4)) {
                assertEquals(200, viewer.send("GET", f, null, "Accept", frameAccept).statusCode(), f);
            }
            String sessionBefore = sessionId(viewer);
            int stuckTo = Integer.parseInt(last(viewer, TestHaproxy.NODE_COOKIE).substring(1));
            // the other node has the session already (asked directly, with the same cookies)
            String other = "http://" + nodes.get(1 - stuckTo) + "/" + CONTEXT + "/dicom-web/studies/" + Samples.BRAIN_UID
                    + "/series";
            HttpResponse<String> direct = viewer.send("GET", other, null, "Accept", "application/dicom+json");
            assertEquals(200, direct.statusCode(), "the other node knows the session before the kill: "
                    + direct.headers().map());

            dying.kill(stuckTo);
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
            assertEquals(sessionBefore, sessionId(viewer), "the same session carries on");
            assertEquals("r" + (1 - stuckTo), last(viewer, TestHaproxy.NODE_COOKIE), "now on the other node");
            System.out.println("[SessionFailoverIT] " + server + ": node " + (stuckTo + 1) + " (the session's) killed; "
                    + loaded + " frames loaded through HAProxy on the other node in " + ms + " ms with the same session,"
                    + " no new sign-on");
            String log = dying.log();
            assertTrue(!log.contains("NotSerializableException") && !log.contains("not serializable"),
                    "everything in the session replicates");
        }
    }

    /**
     * The same in Chromium (WildFly: the browser scenario runs on one server, the HTTP one on the other): Keycloak's
     * login form through the balancer, the viewer renders the MR brain, the other node is asked directly with the
     * browser's cookies that it knows the session, the session's node is killed, and the viewer, loaded again, renders
     * on the other node without ever showing Keycloak's page.
     */
    private static void failoverInChromium(String server, Nodes dying, List<String> nodes) throws Exception {
        org.openqa.selenium.WebDriver browser = Chromium.start();
        try (TestHaproxy lb = new TestHaproxy(CONTEXT, nodes, LB_PORT)) {
            String viewer = lb.url(CONTEXT) + "ohif/viewer?StudyInstanceUIDs=" + Samples.BRAIN_UID;
            browser.get(viewer);
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.id("username")));
            browser.findElement(org.openqa.selenium.By.id("username")).sendKeys("viewer");
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("viewer-pw");
            browser.findElement(org.openqa.selenium.By.id("kc-login")).click();
            rendered(browser, viewer, "before the kill");
            String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
            int stuckTo = Integer.parseInt(browser.manage().getCookieNamed(TestHaproxy.NODE_COOKIE).getValue().substring(1));
            String cookies = "JSESSIONID=" + session;
            HttpResponse<byte[]> direct = org.ohifbridge.testing.Http.send("GET", java.net.URI.create("http://"
                    + nodes.get(1 - stuckTo) + "/" + CONTEXT + "/dicom-web/studies/" + Samples.BRAIN_UID + "/series"),
                    "Cookie", cookies, "Accept", "application/dicom+json");
            assertEquals(200, direct.statusCode(), "the other node knows the browser's session before the kill");

            dying.kill(stuckTo);
            long t0 = System.nanoTime();
            browser.get(viewer);
            rendered(browser, viewer, "after the kill");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String after = browser.manage().getCookieNamed("JSESSIONID").getValue();
            assertEquals(session.contains(".") ? session.substring(0, session.indexOf('.')) : session,
                    after.contains(".") ? after.substring(0, after.indexOf('.')) : after, "the same session carries on");
            assertEquals("r" + (1 - stuckTo), browser.manage().getCookieNamed(TestHaproxy.NODE_COOKIE).getValue(),
                    "now on the other node");
            Chromium.screenshot(browser, "failover-" + server + "-after-kill");
            System.out.println("[SessionFailoverIT] " + server + " in Chromium: node " + (stuckTo + 1)
                    + " (the session's) killed; the viewer rendered the MR brain again on the other node in " + ms
                    + " ms, same session, no sign-on page");
            String log = dying.log();
            assertTrue(!log.contains("NotSerializableException") && !log.contains("not serializable"),
                    "everything in the session replicates");
        } finally {
            Chromium.stop(browser);
        }
    }

    /** Waits until the viewer at {@code viewer} shows the image; fails if Keycloak's sign-on page shows instead. */
    private static void rendered(org.openqa.selenium.WebDriver browser, String viewer, String when) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(90))
                .pollingEvery(Duration.ofMillis(250)).until(d -> {
                    if (d.getCurrentUrl().startsWith(Keycloak.issuer()) && when.startsWith("after")) {
                        throw new AssertionError("Keycloak's sign-on page " + when + ": " + d.getCurrentUrl());
                    }
                    if (!d.getCurrentUrl().startsWith(viewer.substring(0, viewer.indexOf('?')))) {
                        return null;
                    }
                    long n = Chromium.brightPerCanvas(d).stream().mapToLong(Long::longValue).max().orElse(0);
                    return n > 2000 ? n : null;
                });
    }

    /** The last value a cookie was set to. */
    private static String last(BrowserSession b, String cookie) {
        String value = null;
        for (String c : b.setCookies) {
            if (c.startsWith(cookie + "=")) {
                value = c.substring(cookie.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
            }
        }
        assertTrue(value != null, "no " + cookie + " cookie set: " + b.setCookies);
        return value;
    }

    /** The session's id, without the node route a server may append to it (WildFly: {@code .node1}). */
    private static String sessionId(BrowserSession b) {
        String v = last(b, "JSESSIONID");
        return v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
    }
}
