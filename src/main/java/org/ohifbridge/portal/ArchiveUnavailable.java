package org.ohifbridge.portal;

import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.http.HtmlPages;
import org.ohifbridge.orthanc.OrthancException;

/** The page for Orthanc not answering a launcher or deep-link request: the cause goes to the server log only. */
final class ArchiveUnavailable {
    private static final Logger LOG = Logger.getLogger(ArchiveUnavailable.class.getName());

    private ArchiveUnavailable() {
    }

    static Response page(PortalPages pages, OrthancException e) {
        LOG.log(Level.WARNING, "ohif-bridge: {0}", e.getMessage());
        String message = e.status() == 504 ? "The image archive did not answer in time. Try again in a minute."
                : "The image archive cannot be reached. Try again in a minute; if it persists, call the help desk.";
        return HtmlPages.page(e.status() >= 500 ? e.status() : 502,
                pages.message("Image archive unavailable", message, "")).build();
    }
}
