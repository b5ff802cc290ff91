package org.ohifbridge.orthanc;

/** Orthanc cannot be reached, failed (5xx) or refused the bridge's own credentials: 502. */
public class OrthancUnavailableException extends OrthancException {
    public OrthancUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 502;
    }
}
