package org.ohifbridge.web;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.server.ServerProperties;
import org.ohifbridge.audit.AuditResource;
import org.ohifbridge.cache.StudyDocumentResource;
import org.ohifbridge.metrics.MetricsResource;
import org.ohifbridge.ohif.OhifAssetResource;
import org.ohifbridge.portal.EmergencyResource;
import org.ohifbridge.portal.EmergencyReviewResource;
import org.ohifbridge.portal.LauncherResource;
import org.ohifbridge.portal.OpenResource;
import org.ohifbridge.preload.PreloadStatusResource;
import org.ohifbridge.proxy.DicomWebResource;
import org.ohifbridge.proxy.InstanceFileResource;

/**
 * The JAX-RS application, at the WAR's root so that its URL space mirrors Orthanc's: {@code ohif/},
 * {@code dicom-web/}, {@code instances/{id}/file}, {@code studies/{id}/ohif-dicom-json}, plus {@code health},
 * {@code preload/status} and {@code admin/}. Every class is listed here; resources are application-scoped
 * singletons that take per-request values as method parameters. {@link BridgeStartup} registers its servlet on
 * {@code /*} (not {@code @ApplicationPath}), so that the sign-on constraint can be set on that registration.
 */
public class BridgeApplication extends Application {
    /** The resources, each in the package of its feature. */
    static final Set<Class<?>> RESOURCES = Set.of(OhifAssetResource.class, DicomWebResource.class,
            InstanceFileResource.class, LauncherResource.class, OpenResource.class, StudyDocumentResource.class,
            PreloadStatusResource.class, AdminResource.class, MetricsResource.class, AuditResource.class,
            EmergencyResource.class, EmergencyReviewResource.class);

    /** How answers are written: errors as small JSON bodies, JSON with the WAR's one ObjectMapper. */
    public static final Set<Class<?>> PROVIDERS = Set.of(OrthancExceptionMapper.class,
            WebApplicationExceptionMapper.class, FallbackExceptionMapper.class, ObjectMapperResolver.class,
            JacksonJsonProvider.class);

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> all = new HashSet<>(RESOURCES);
        all.addAll(PROVIDERS);
        return all;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(
                ServerProperties.WADL_FEATURE_DISABLE, true,          // no /application.wadl
                ServerProperties.BV_FEATURE_DISABLE, true,
                ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true, // our JSON error bodies, not the container's page
                ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0,  // stream at once; lengths come from upstream
                // redirects stay path-absolute, right behind any proxy
                ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
    }
}
