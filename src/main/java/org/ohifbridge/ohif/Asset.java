package org.ohifbridge.ohif;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One file of the OHIF build, as listed in WEB-INF/ohif/ohif-manifest.json (written by
 * src/build/ohif-dist.mjs).
 *
 * @param size      bytes of the file itself
 * @param gzip      bytes of its stored gzip form, 0 when stored uncompressed
 * @param etag      content hash
 * @param immutable the name carries a content hash, so it may be cached for a year
 * @param template  index.html, rendered per base path
 */
public record Asset(
        @JsonProperty("size") long size,
        @JsonProperty("gzip") long gzip,
        @JsonProperty("etag") String etag,
        @JsonProperty("immutable") boolean immutable,
        @JsonProperty("template") boolean template) {

    public boolean storedGzipped() {
        return gzip > 0;
    }
}
