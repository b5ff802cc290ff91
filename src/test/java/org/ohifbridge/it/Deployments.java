package org.ohifbridge.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that {@code mvn package} built, deployed as it is, with its settings given the way an admin gives
 * them: as context parameters ({@code ohifbridge.<Name>}). The archive name is the context path
 * ({@code ROOT.war} = the root).
 */
public final class Deployments {
    private Deployments() {
    }

    /**
     * The tests of viewing, proxying and caching run with {@code SignOn=anonymous} unless they name a mode: sign-on
     * has its own tests (SignOnMatrixIT, SignOnBrowserIT), and an explicit mode here wins.
     */
    public static WebArchive war(String archiveName, Map<String, String> settings) {
        if (!settings.containsKey("SignOn")) {
            Map<String, String> withMode = new java.util.LinkedHashMap<>(settings);
            withMode.put("SignOn", "anonymous");
            settings = withMode;
        }
        Path file = Path.of(System.getProperty("war.file", "target/ohif-bridge.war"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no WAR at " + file + " (run mvn package first)");
        }
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, file.toFile());
        String webXml = read(war);
        StringBuilder params = new StringBuilder();
        settings.forEach((k, v) -> params.append("  <context-param><param-name>ohifbridge.").append(k)
                .append("</param-name><param-value>").append(xml(v)).append("</param-value></context-param>\n"));
        war.delete("/WEB-INF/web.xml");
        war.addAsWebInfResource(new StringAsset(webXml.replace("</web-app>", params + "</web-app>")), "web.xml");
        return ShrinkWrap.create(WebArchive.class, archiveName).merge(war);
    }

    /**
     * The base URL of a deployment that Arquillian does not manage (deployed by a test through the Deployer):
     * Arquillian can inject it only once deployed.
     */
    public static java.net.URL url(String archiveName) {
        try {
            return new java.net.URL("http://127.0.0.1:" + System.getProperty("it.http.port", "18080") + "/"
                    + archiveName.replaceFirst("\\.war$", "") + "/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A fresh folder for a deployment's DataFolder (preload position, backfill progress). */
    public static String dataFolder(String name) {
        try {
            return Files.createTempDirectory("ohif-bridge-it-data-" + name + "-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> orthanc(TestOrthanc o) {
        return o.authEnabled()
                ? Map.of("OrthancUrl", o.url(), "OrthancUser", TestOrthanc.USER, "OrthancPassword", TestOrthanc.PASSWORD)
                : Map.of("OrthancUrl", o.url());
    }

    private static String read(WebArchive war) {
        try (InputStream in = war.get("/WEB-INF/web.xml").getAsset().openStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
