package org.ohifbridge.orthanc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class OrthancClientTest {
    @Test
    void successAndNotModifiedPassThrough() {
        Response ok = Response.ok().build();
        assertSame(ok, OrthancClient.checked(ok, "x"));
        Response partial = Response.status(206).build();
        assertSame(partial, OrthancClient.checked(partial, "x"));
        Response notModified = Response.notModified().build();
        assertSame(notModified, OrthancClient.checked(notModified, "x"));
    }

    @Test
    void statusesMapToDeliberateOnes() {
        assertEquals(404, assertThrows(OrthancException.class, () -> OrthancClient.checked(Response.status(404).build(), "x")).status());
        assertEquals(502, assertThrows(OrthancException.class, () -> OrthancClient.checked(Response.status(401).build(), "x")).status(),
                "Orthanc refusing the bridge's credentials is a server-side fault, never a browser login prompt");
        assertEquals(502, assertThrows(OrthancException.class, () -> OrthancClient.checked(Response.status(403).build(), "x")).status());
        assertEquals(406, assertThrows(OrthancException.class, () -> OrthancClient.checked(Response.status(406).build(), "x")).status());
        assertEquals(400, assertThrows(OrthancException.class, () -> OrthancClient.checked(Response.status(400).build(), "x")).status());
        assertEquals(502, assertThrows(OrthancException.class, () -> OrthancClient.checked(Response.status(500).build(), "x")).status());
        assertEquals(502, assertThrows(OrthancException.class, () -> OrthancClient.checked(Response.status(503).build(), "x")).status());
    }

    @Test
    void transportFailures() {
        assertInstanceOf(OrthancTimeoutException.class,
                OrthancClient.translate(new ProcessingException(new SocketTimeoutException("Read timed out")), "x"));
        assertInstanceOf(OrthancUnavailableException.class,
                OrthancClient.translate(new ProcessingException(new ConnectException("refused")), "x"));
        assertInstanceOf(OrthancUnavailableException.class,
                OrthancClient.translate(new ProcessingException(
                        new org.apache.hc.client5.http.ConnectTimeoutException("connect timed out")), "x"));
    }
}
