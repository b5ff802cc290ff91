package org.ohifbridge.ohif;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.ohifbridge.Json;

/**
 * The OHIF build inside the WAR ({@code WEB-INF/ohif/}, out of reach of the container's default servlet)
 * and its manifest, which lists every file that may be served.
 */
@ApplicationScoped
public class OhifDist {
    public static final String ROOT = "/WEB-INF/ohif/";

    record Manifest(@JsonProperty("ohifVersion") String ohifVersion,
                    @JsonProperty("assets") Map<String, Asset> assets) {
    }

    private volatile Manifest manifest;
    private volatile Function<String, InputStream> opener;

    /** @param opener opens a WAR resource by its absolute path, e.g. ServletContext::getResourceAsStream */
    public void load(Function<String, InputStream> opener) {
        try (InputStream in = opener.apply(ROOT + "ohif-manifest.json")) {
            if (in == null) {
                throw new IllegalStateException("the WAR has no " + ROOT + "ohif-manifest.json (built without OHIF?)");
            }
            Manifest m = Json.MAPPER.readValue(in, Manifest.class);
            if (m.assets() == null || !m.assets().containsKey("index.html")) {
                throw new IllegalStateException("the OHIF manifest lists no index.html");
            }
            this.opener = opener;
            this.manifest = m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OHIF manifest", e);
        }
    }

    public String ohifVersion() {
        return manifest.ohifVersion();
    }

    public int assetCount() {
        return manifest.assets().size();
    }

    public Optional<Asset> find(String path) {
        return Optional.ofNullable(manifest.assets().get(path));
    }

    /** The bytes as stored: gzip when {@link Asset#storedGzipped()}. */
    public InputStream openStored(String path, Asset asset) throws IOException {
        String name = ROOT + path + (asset.storedGzipped() ? ".gz" : "");
        InputStream in = opener.apply(name);
        if (in == null) {
            throw new FileNotFoundException(name);
        }
        return in;
    }

    /** The file's own bytes, inflated when it is stored compressed. */
    public InputStream openIdentity(String path, Asset asset) throws IOException {
        InputStream in = openStored(path, asset);
        return asset.storedGzipped() ? new GZIPInputStream(in, 65536) : in;
    }

    public String readText(String path) {
        Asset a = find(path).orElseThrow(() -> new IllegalStateException("no " + path + " in the OHIF build"));
        try (InputStream in = openIdentity(path, a)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
