package org.ohifbridge.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.cache.StudyDocuments;
import org.ohifbridge.config.SettingsHolder;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.preload.PreloadService;

/**
 * Progress of preloading and backfill, counts only (no patient data): {@code curl {ctx}/preload/status}.
 */
@Path("preload/status")
@ApplicationScoped
public class PreloadStatusResource {
    @Inject
    SettingsHolder settings;
    @Inject
    PreloadService preload;
    @Inject
    BackfillService backfill;
    @Inject
    InstanceRecordStore records;
    @Inject
    StudyDocuments documents;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("dataSource", settings.get().dataSource().value());
        s.set("preload", preload.status());
        s.set("backfill", backfill.status());
        ObjectNode r = s.putObject("records");
        r.put("computed", records.computedCount());
        r.put("replaced", records.replacedCount());
        s.put("studyDocumentsInMemory", documents.documentsInMemory());
        return Response.ok(s).header("Cache-Control", "no-store").build();
    }
}
