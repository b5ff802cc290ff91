package org.ohifbridge.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.ohifbridge.Json;
import org.ohifbridge.dicomjson.InstanceRecords;

/**
 * The byte format of metadata 4202, shared with Orthanc's OHIF plugin ({@code CacheAsMetadata} in its
 * {@code Sources/Plugin.cpp}, orthanc-ohif branch OrthancOHIF-1.8): Base64 (standard
 * alphabet, padded, one line) of gzip of the record's compact JSON. Entries either side writes, the other
 * reads; a site can switch between the plugin and the WAR without recomputing anything.
 */
public final class InstanceRecordCodec {
    /** A record is about 1 KB; anything inflating beyond this is not one of ours (and none is made this large). */
    static final int MAX_RECORD_BYTES = 256 << 10;
    /** Longest stored entry read at all: Base64 of a gzip that cannot be larger than the record it holds, and some. */
    static final int MAX_STORED_CHARS = MAX_RECORD_BYTES * 4 / 3 + 1024;

    private InstanceRecordCodec() {
    }

    public static String encode(ObjectNode record) {
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(record);
            return Base64.getEncoder().encodeToString(Gzip.compress(json));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a record", e);
        }
    }

    /** Whether the record stays within {@link #MAX_RECORD_BYTES} as JSON, i.e. can be stored and read back. */
    static boolean fits(ObjectNode record) {
        try {
            return Json.MAPPER.writeValueAsBytes(record).length <= MAX_RECORD_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The record if the text is a valid entry of the current version; empty for anything else (corrupt,
     * truncated, another version), which the caller recomputes and replaces.
     */
    public static Optional<ObjectNode> decode(String stored) {
        if (stored == null || stored.length() > MAX_STORED_CHARS) {
            return Optional.empty();
        }
        try {
            byte[] gz = Base64.getMimeDecoder().decode(stored.strip().getBytes(StandardCharsets.US_ASCII));
            JsonNode node = Json.MAPPER.readTree(Gzip.decompress(gz, MAX_RECORD_BYTES));
            return InstanceRecords.current(node);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
