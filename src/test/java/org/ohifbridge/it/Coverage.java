package org.ohifbridge.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ohifbridge.cache.InstanceRecordCodec;
import org.ohifbridge.cache.InstanceRecordStore;
import org.ohifbridge.testing.Await;

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
    static long waitFor(TestOrthanc orthanc, List<String> instanceIds, long timeoutMillis) {
        long t0 = System.nanoTime();
        List<List<String>> left = new ArrayList<>(List.of(instanceIds));
        Await.until("metadata 4202 on every instance (left: " + left.get(0).size() + " at first)",
                Duration.ofMillis(timeoutMillis), Duration.ofMillis(250), () -> {
                    left.set(0, missing(orthanc, left.get(0)));
                    return left.get(0).isEmpty();
                });
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
