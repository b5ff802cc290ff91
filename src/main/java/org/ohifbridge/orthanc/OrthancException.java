package org.ohifbridge.orthanc;

/** Something went wrong between the WAR and Orthanc; subclasses pick the HTTP status shown to the browser. */
public abstract class OrthancException extends RuntimeException {
    protected OrthancException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The status the browser gets. */
    public abstract int status();
}
