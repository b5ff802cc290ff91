package org.ohifbridge.ohif;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.ohifbridge.Json;
import org.ohifbridge.config.WarContext;

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

    /** Files up to this size are kept in memory once read (the first visit needs about 5 MB of them, gzipped). */
    static final long CACHED_FILE_LIMIT = 2L * 1024 * 1024;
    /** Upper bound of all cached bytes. */
    static final long CACHE_BUDGET = 96L * 1024 * 1024;

    private final Manifest manifest;
    private final Function<String, InputStream> opener;
    private final Map<String, byte[]> storedCache = new ConcurrentHashMap<>();
    private final Map<String, byte[]> identityCache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();

    /** For CDI's client proxy only. */
    protected OhifDist() {
        this.manifest = null;
        this.opener = null;
    }

    /** Reads the manifest from the WAR: a WAR built without OHIF does not deploy. */
    @Inject
    public OhifDist(@WarContext ServletContext context) {
        this.opener = context::getResourceAsStream;
        try (InputStream in = opener.apply(ROOT + "ohif-manifest.json")) {
            if (in == null) {
                throw new IllegalStateException("the WAR has no " + ROOT + "ohif-manifest.json (built without OHIF?)");
            }
            Manifest m = Json.MAPPER.readValue(in, Manifest.class);
            if (m.assets() == null || !m.assets().containsKey("index.html")) {
                throw new IllegalStateException("the OHIF manifest lists no index.html");
            }
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

    /**
     * The stored bytes (gzip when {@link Asset#storedGzipped()}) of a small file, from memory after the first
     * read; empty for large files, which are streamed.
     */
    public Optional<byte[]> storedBytes(String path, Asset asset) throws IOException {
        long size = asset.storedGzipped() ? asset.gzip() : asset.size();
        return cached(storedCache, path, size, () -> openStored(path, asset));
    }

    /** The file's own bytes of a small file, inflated once and kept (for the rare client without gzip). */
    public Optional<byte[]> identityBytes(String path, Asset asset) throws IOException {
        return cached(identityCache, path, asset.size(), () -> openIdentity(path, asset));
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private Optional<byte[]> cached(Map<String, byte[]> cache, String path, long size, Opener opener)
            throws IOException {
        if (size > CACHED_FILE_LIMIT) {
            return Optional.empty();
        }
        byte[] bytes = cache.get(path);
        if (bytes == null) {
            try (InputStream in = opener.open()) {
                bytes = in.readAllBytes();
            }
            remember(cache, path, bytes);
        }
        return Optional.of(bytes);
    }

    private void remember(Map<String, byte[]> cache, String path, byte[] bytes) {
        if (cachedBytes.addAndGet(bytes.length) <= CACHE_BUDGET) {
            if (cache.putIfAbsent(path, bytes) != null) {
                cachedBytes.addAndGet(-bytes.length);
            }
        } else {
            cachedBytes.addAndGet(-bytes.length);
        }
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
