package org.ohifbridge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartBoundaryTest {
    /** Two UUIDs cut to 70 characters, as Orthanc makes a boundary. */
    static final String ORTHANC = "8b3d0b64-2b59-4dbb-9b6f-0d6f4b1c9e2a-5c1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e";

    @Test
    void orthancsFramesAnswerWithItsQuotedTypeHoldingASemicolon() {
        assertEquals(Optional.of(ORTHANC), MultipartBoundary.of("multipart/related; type=\"application/octet-stream; "
                + "transfer-syntax=1.2.840.10008.1.2.1\"; boundary=" + ORTHANC));
    }

    @Test
    void quotedBoundariesAndAnyParameterOrder() {
        assertEquals(Optional.of("a b:c"), MultipartBoundary.of("Multipart/Related;BOUNDARY=\"a b:c\";type=x"));
        assertEquals(Optional.of("x=y"), MultipartBoundary.of("multipart/mixed; type=\"a;boundary=b\"; boundary=\"x=y\""),
                "a semicolon inside quotes does not end a parameter");
        assertEquals(Optional.of("q:q"), MultipartBoundary.of("multipart/mixed; boundary=\"q\\:q\""),
                "a quoted-pair stands for its character");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application/dicom+json", "multipart/related", "multipart/related; type=x", "multipart/related; boundary=",
        "multipart/related; boundary=\"ends with space \"", "multipart/related; boundary=has\\backslash",
        "multipart/related; boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
        "multipart/related; boundary=\"\r\nX-Evil: 1\"", "multipart/related; boundary=\"x;y\"",
    })
    void nothingUsable(String contentType) {
        assertEquals(Optional.empty(), MultipartBoundary.of(contentType));
    }

    @Test
    void noContentType() {
        assertEquals(Optional.empty(), MultipartBoundary.of(null));
    }
}
