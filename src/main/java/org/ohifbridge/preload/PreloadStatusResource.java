package org.ohifbridge.preload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.cache.StudyDocuments;
import org.ohifbridge.cluster.Leadership;
import org.ohifbridge.config.Settings;

/**
 * Progress of preloading and backfill, counts only (no patient data): {@code curl {ctx}/preload/status}.
 */
@Path("preload/status")
@ApplicationScoped
public class PreloadStatusResource {
    /** The answer. */
    public record Report(String dataSource, PreloadStatus preload, BackfillStatus backfill, Records records,
                         int studyDocumentsInMemory, String dataFolder, Skipped skipped, String replica) {
    }

    /**
     * Instances the preload or backfill gave up on (Orthanc ids and a reason, at most
     * {@value SkippedInstances#KEPT} listed; {@code count} goes on).
     */
    public record Skipped(long count, List<SkippedInstances.Skipped> instances) {
    }

    /** Metadata 4202 entries this deployment computed, and how many of them replaced a corrupt or outdated one. */
    public record Records(long computed, long replaced) {
    }

    private final Settings settings;
    private final PreloadService preload;
    private final BackfillService backfill;
    private final InstanceRecordStore records;
    private final StudyDocuments documents;
    private final SkippedInstances skipped;
    private final Leadership leadership;

    /** For CDI's client proxy only. */
    protected PreloadStatusResource() {
        this.settings = null;
        this.preload = null;
        this.backfill = null;
        this.records = null;
        this.documents = null;
        this.skipped = null;
        this.leadership = null;
    }

    @Inject
    public PreloadStatusResource(Settings settings, PreloadService preload, BackfillService backfill,
                                 InstanceRecordStore records, StudyDocuments documents, SkippedInstances skipped,
                                 Leadership leadership) {
        this.settings = settings;
        this.preload = preload;
        this.backfill = backfill;
        this.records = records;
        this.documents = documents;
        this.skipped = skipped;
        this.leadership = leadership;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        Report report = new Report(settings.dataSource().value(), preload.status(), backfill.status(),
                new Records(records.computedCount(), records.replacedCount()), documents.documentsInMemory(),
                preload.degraded() || backfill.degraded() ? "not writable (positions kept in memory)" : "writable",
                new Skipped(skipped.count(), skipped.list()), leadership.describe());
        return Response.ok(report).header("Cache-Control", "no-store").build();
    }
}
