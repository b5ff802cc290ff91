package org.ohifbridge.orthanc;

/** Orthanc does not know the study, series, instance or route: 404. */
public class OrthancNotFoundException extends OrthancException {
    public OrthancNotFoundException(String message) {
        super(message, null);
    }

    @Override
    public int status() {
        return 404;
    }
}
