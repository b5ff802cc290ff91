package org.ohifbridge.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongConsumer;
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

    /**
     * The record's size as JSON, or -1 when it exceeds {@link #MAX_RECORD_BYTES}, i.e. could not be stored and read
     * back.
     */
    static int size(ObjectNode record) {
        try {
            int n = Json.MAPPER.writeValueAsBytes(record).length;
            return n <= MAX_RECORD_BYTES ? n : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The record if the text is a valid entry of the current version; empty for anything else (corrupt,
     * truncated, another version), which the caller recomputes and replaces.
     */
    public static Optional<ObjectNode> decode(String stored) {
        return decode(stored, n -> { });
    }

    /** {@link #decode(String)}, telling {@code jsonBytes} the size of a valid record's JSON. */
    static Optional<ObjectNode> decode(String stored, LongConsumer jsonBytes) {
        if (stored == null || stored.length() > MAX_STORED_CHARS) {
            return Optional.empty();
        }
        try {
            byte[] gz = Base64.getMimeDecoder().decode(stored.strip().getBytes(StandardCharsets.US_ASCII));
            byte[] json = Gzip.decompress(gz, MAX_RECORD_BYTES);
            Optional<ObjectNode> record = InstanceRecords.current(Json.MAPPER.readTree(json));
            record.ifPresent(r -> jsonBytes.accept(json.length));
            return record;
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
