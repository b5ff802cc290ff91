package org.ohifbridge.http;

/** The small JSON body of every error answer: {@code {"status":404,"error":"..."}}. No stack traces. */
public record ErrorBody(int status, String error) {
}
