package org.ohifbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
    @Test
    void aFloodOfProbesWhileOrthancHangsCostsOneCallAndTheOthersTakeTheLastResult() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch hanging = new CountDownLatch(1);
        HealthProbe probe = new HealthProbe(() -> {
            if (calls.incrementAndGet() > 1) {
                try {
                    hanging.await(5, TimeUnit.SECONDS); // Orthanc hangs from the second probe on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            return true;
        }, Optional.empty());
        assertTrue(probe.current().up());
        Thread.sleep(HealthProbe.FRESH_MILLIS + 100); // stale: the next caller probes, and hangs
        CompletableFuture<HealthProbe.Result> prober = CompletableFuture.supplyAsync(probe::current);
        while (calls.get() < 2) {
            Thread.sleep(5);
        }
        List<HealthProbe.Result> others = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            others.add(probe.current()); // answered at once with the last result, not queued behind the probe
        }
        assertEquals(2, calls.get(), "one probe in flight, however many ask");
        assertTrue(others.stream().allMatch(HealthProbe.Result::up));
        hanging.countDown();
        assertFalse(prober.get(5, TimeUnit.SECONDS).up());
        assertFalse(probe.current().up(), "the fresh result is kept");
        assertEquals(2, calls.get());
    }

    @Test
    void theSignOnProviderCountsInOidcMode() {
        HealthProbe probe = new HealthProbe(() -> true, Optional.of(() -> false));
        HealthProbe.Result r = probe.current();
        assertTrue(r.orthanc());
        assertEquals(Optional.of(false), r.signOn());
        assertFalse(r.up());
    }
}
