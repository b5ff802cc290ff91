package org.ohifbridge.orthanc;

/** Orthanc accepted the connection but did not answer within the read timeout: 504. */
public class OrthancTimeoutException extends OrthancException {
    public OrthancTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 504;
    }
}
