package org.ohifbridge.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 requests written byte for byte on a socket, for what no client library sends: raw {@code |{[} and control
 * characters in a query, encoded dots and slashes left alone, huge or numerous headers. Reads the status line, the
 * headers and at most 1 MiB of the body ({@code Connection: close}).
 */
final class RawHttp {
    /** What came back. */
    record Answer(int status, String head, String body) {
    }

    private RawHttp() {
    }

    /** @param target the request target as sent, e.g. {@code /hostile/dicom-web/studies?x=|} */
    static Answer send(URL base, String method, String target, String... headerLines) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(60_000);
            StringBuilder req = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            for (String h : headerLines) {
                req.append(h).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (all.size() < (1 << 20) && (n = in.read(buffer)) > 0) {
                all.write(buffer, 0, n);
            }
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
            return new Answer(status, head, end < 0 ? "" : text.substring(end + 4));
        }
    }
}
