package org.ohifbridge.proxy;

import jakarta.ws.rs.BadRequestException;
import org.ohifbridge.orthanc.OrthancException;
import org.ohifbridge.orthanc.OrthancNotFoundException;
import org.ohifbridge.orthanc.OrthancTimeoutException;
import org.ohifbridge.orthanc.OrthancUnavailableException;

/**
 * Failures of a DICOMweb call with the query taken out before anyone logs them. {@code OrthancClient} names what it
 * asked for in its messages ("Orthanc failed with HTTP 500 on dicom-web/studies?PatientName=…") and
 * {@code web.OrthancExceptionMapper} logs the message; a QIDO query may hold a patient's name, birth date or id, which
 * have no place in a server log (the audit trail records searches on purpose, under its own rules). Each failure is
 * raised again as the same kind, so the browser gets the same status, with the query replaced by {@link #WITHHELD}
 * and without its cause (whose text is not ours to vouch for).
 */
final class QueryFreeErrors {
    static final String WITHHELD = "(query withheld)";

    private QueryFreeErrors() {
    }

    /** @param query the query that was sent, may be null */
    static RuntimeException of(OrthancException e, String query) {
        String message = e.getMessage();
        if (query == null || query.isEmpty() || message == null || !message.contains(query)) {
            return e;
        }
        String clean = message.replace(query, WITHHELD);
        if (e instanceof OrthancNotFoundException) {
            return new OrthancNotFoundException(clean);
        }
        if (e instanceof OrthancTimeoutException) {
            return new OrthancTimeoutException(clean, null);
        }
        return new OrthancUnavailableException(clean, null); // the only other kind that names the request
    }

    /**
     * {@code java.net.URI} refused the address (its message, logged with a stack trace as an unexpected error, would
     * quote the whole query): a request the proxy cannot pass on, so a 400 without any detail.
     */
    static RuntimeException of(IllegalArgumentException e) {
        return new BadRequestException("not a DICOMweb request that can be passed on");
    }
}
