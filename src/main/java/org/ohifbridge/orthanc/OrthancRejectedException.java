package org.ohifbridge.orthanc;

/** Orthanc found the request itself wrong (400, 406, 415 …): the same status goes back to the browser. */
public class OrthancRejectedException extends OrthancException {
    private final int status;

    public OrthancRejectedException(int status) {
        super("Orthanc rejected the request with HTTP " + status, null);
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
