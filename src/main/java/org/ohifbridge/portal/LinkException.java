package org.ohifbridge.portal;

/** A deep link or a search that cannot be served as given; the message is shown to the user as it is. */
public final class LinkException extends RuntimeException {
    public LinkException(String message) {
        super(message, null, false, false);
    }
}
