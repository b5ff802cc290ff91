package org.ohifbridge.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One GET written byte for byte on a socket, for request targets that {@link java.net.http.HttpClient} would refuse
 * or encode itself (a raw {@code |}, {@code ^}, a lone {@code %}). HTTP/1.0, so the answer is neither chunked nor kept
 * alive: read until the server closes.
 */
record RawRequest(int status, String head, byte[] body) {
    /** @param target the request target as sent, e.g. {@code /pacs/dicom-web/studies?PatientName=DOE^JOHN} */
    static RawRequest get(URI server, String target) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            byte[] body = split < 0 ? new byte[0]
                    : text.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
            return new RawRequest(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
