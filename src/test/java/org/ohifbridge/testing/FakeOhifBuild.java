package org.ohifbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A WAR folder with a tiny OHIF build in {@code WEB-INF/ohif/}, in the layout {@code src/build/ohif-dist.mjs} writes:
 * an index.html template, one hashed script stored gzipped, and the manifest that lists them.
 */
public final class FakeOhifBuild {
    public static final String INDEX = "<!doctype html><html><head><link rel=\"manifest\" href=\"{{BASE_ATTR}}manifest.json\">"
            + "<script>window.PUBLIC_URL=\"{{BASE_JS}}\";</script><script src=\"{{BASE_ATTR}}app-config.js\"></script>"
            + "</head><body></body></html>";
    public static final String SCRIPT_NAME = "app.bundle.0123abcd.js";
    public static final String SCRIPT = "console.log('ohif');\n".repeat(50);

    private FakeOhifBuild() {
    }

    public static Path warFolder() {
        try {
            Path war = TempFolders.create("war-");
            Path ohif = Files.createDirectories(war.resolve("WEB-INF/ohif"));
            byte[] index = INDEX.getBytes(StandardCharsets.UTF_8);
            byte[] script = SCRIPT.getBytes(StandardCharsets.UTF_8);
            byte[] scriptGz = gzip(script);
            Files.write(ohif.resolve("index.html"), index);
            Files.write(ohif.resolve(SCRIPT_NAME + ".gz"), scriptGz);
            Files.writeString(ohif.resolve("ohif-manifest.json"), """
                    {"ohifVersion": "3.13.2-test", "assets": {
                      "index.html": {"size": %d, "gzip": 0, "etag": "i1", "immutable": false, "template": true},
                      "%s": {"size": %d, "gzip": %d, "etag": "s1", "immutable": true, "template": false}}}
                    """.formatted(index.length, SCRIPT_NAME, script.length, scriptGz.length));
            return war;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
