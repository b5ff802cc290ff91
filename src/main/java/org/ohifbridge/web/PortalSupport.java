package org.ohifbridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.config.SettingsHolder;
import org.ohifbridge.ohif.PublicPaths;
import org.ohifbridge.ohif.RequestBase;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.portal.PortalPages;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.preload.PreloadService;

/** What the launcher and the deep links share: the page renderer for this request, the progress line, Orthanc errors. */
@ApplicationScoped
public class PortalSupport {
    private static final Logger LOG = Logger.getLogger(PortalSupport.class.getName());

    @Inject
    SettingsHolder settings;
    @Inject
    RequestBase requestBase;
    @Inject
    PreloadService preload;
    @Inject
    BackfillService backfill;

    PortalPages pages(HttpServletRequest request) {
        PublicPaths.Base base = requestBase.of(request);
        return new PortalPages(base.ohif(), base.root(), settings.get().dataSource());
    }

    /** A line on preloading and backfill while they have work left; counts only. */
    Optional<String> progress() {
        JsonNode b = backfill.status();
        if ("running".equals(b.path("state").asText())) {
            return Optional.of("Preparing existing studies for fast opening: " + b.path("done").asLong() + " of "
                    + b.path("total").asLong() + " instances (" + b.path("percent").asDouble() + "%).");
        }
        JsonNode p = preload.status();
        long behind = p.path("behind").asLong();
        if (!"off".equals(p.path("state").asText()) && behind > 0) {
            return Optional.of("Preparing newly arrived instances: " + behind + " changes to go.");
        }
        return Optional.empty();
    }

    /** The page for Orthanc not answering (the cause goes to the server log, not to the browser). */
    jakarta.ws.rs.core.Response orthancFailed(PortalPages pages, OrthancException e) {
        LOG.log(Level.WARNING, "ohif-bridge: {0}", e.getMessage());
        String message = e.status() == 504 ? "The image archive did not answer in time. Try again in a minute."
                : "The image archive cannot be reached. Try again in a minute; if it persists, call the help desk.";
        return HtmlPages.page(e.status() >= 500 ? e.status() : 502,
                pages.message("Image archive unavailable", message, "")).build();
    }
}
