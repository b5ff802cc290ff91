package org.ohifbridge.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.dicomjson.InstanceRecords;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancNotFoundException;

/**
 * The per-instance record of one instance (plugin-spec §5.5): read from metadata 4202 when it holds a valid
 * entry of the current version; otherwise computed from the instance's tags and written back, replacing a
 * corrupt or outdated entry. An instance deleted meanwhile has no record.
 */
@ApplicationScoped
public class InstanceRecordStore {
    /** The plugin's metadata index. */
    public static final int METADATA = 4202;
    private static final Logger LOG = Logger.getLogger(InstanceRecordStore.class.getName());

    /** What {@link #ensure} found. */
    public enum Outcome { PRESENT, COMPUTED, GONE }

    @Inject
    OrthancApi orthanc;

    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicBoolean replacementLogged = new AtomicBoolean();

    public InstanceRecordStore() {
    }

    public InstanceRecordStore(OrthancApi orthanc) {
        this.orthanc = orthanc;
    }

    /** The record, or empty when the instance no longer exists. */
    public Optional<ObjectNode> get(String instanceId) {
        Optional<String> stored = orthanc.instanceMetadata(instanceId, METADATA);
        Optional<ObjectNode> valid = stored.flatMap(InstanceRecordCodec::decode);
        if (valid.isPresent()) {
            return valid;
        }
        return compute(instanceId, stored.isPresent());
    }

    /** Makes sure the instance has a valid record (preload, backfill). */
    public Outcome ensure(String instanceId) {
        Optional<String> stored = orthanc.instanceMetadata(instanceId, METADATA);
        if (stored.flatMap(InstanceRecordCodec::decode).isPresent()) {
            return Outcome.PRESENT;
        }
        return compute(instanceId, stored.isPresent()).isPresent() ? Outcome.COMPUTED : Outcome.GONE;
    }

    public long computedCount() {
        return computed.get();
    }

    public long replacedCount() {
        return replaced.get();
    }

    private Optional<ObjectNode> compute(String instanceId, boolean replacing) {
        JsonNode tags;
        try {
            tags = orthanc.shortTags(instanceId);
        } catch (OrthancNotFoundException e) {
            return Optional.empty(); // deleted meanwhile: left out, as the plugin does
        }
        ObjectNode record = InstanceRecords.fromShortTags(tags);
        if (replacing) {
            replaced.incrementAndGet();
            if (replacementLogged.compareAndSet(false, true)) {
                LOG.info(() -> "ohif-bridge: metadata " + METADATA + " of instance " + instanceId
                        + " was corrupt or of another version; recomputed (further replacements are only counted,"
                        + " see the preload status)");
            }
        }
        try {
            orthanc.putInstanceMetadata(instanceId, METADATA, InstanceRecordCodec.encode(record));
            computed.incrementAndGet();
        } catch (OrthancNotFoundException e) {
            return Optional.empty();
        } catch (OrthancException e) {
            // the record still serves this request; the next one tries to store it again
            LOG.log(Level.FINE, "ohif-bridge: cannot store metadata " + METADATA + " of " + instanceId, e);
        }
        return Optional.of(record);
    }
}
