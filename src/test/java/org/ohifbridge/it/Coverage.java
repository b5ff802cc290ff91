package org.ohifbridge.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ohifbridge.cache.InstanceRecordCodec;
import org.ohifbridge.cache.InstanceRecordStore;

/** Which instances of a real Orthanc hold a valid metadata 4202 entry. */
final class Coverage {
    private Coverage() {
    }

    static List<String> missing(TestOrthanc orthanc, List<String> instanceIds) throws IOException {
        List<String> out = new ArrayList<>();
        for (String id : instanceIds) {
            HttpResponse<byte[]> r = orthanc.get("/instances/" + id + "/metadata/" + InstanceRecordStore.METADATA);
            if (r.statusCode() != 200
                    || InstanceRecordCodec.decode(new String(r.body(), StandardCharsets.US_ASCII)).isEmpty()) {
                out.add(id);
            }
        }
        return out;
    }

    /** Waits until every instance is covered; returns the milliseconds it took. */
    static long waitFor(TestOrthanc orthanc, List<String> instanceIds, long timeoutMillis) throws Exception {
        long t0 = System.nanoTime();
        List<String> left = instanceIds;
        while (true) {
            left = missing(orthanc, left);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (left.isEmpty()) {
                return ms;
            }
            if (ms > timeoutMillis) {
                throw new AssertionError(left.size() + " instances still without metadata 4202 after " + ms + " ms");
            }
            Thread.sleep(250);
        }
    }
}
