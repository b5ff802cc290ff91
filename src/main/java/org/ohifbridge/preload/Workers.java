package org.ohifbridge.preload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.ohifbridge.DaemonThreads;

/** A small pool of daemon threads that runs one task per item and waits for all of them. */
final class Workers {
    private final ExecutorService pool;

    Workers(String name, int threads) {
        this.pool = Executors.newFixedThreadPool(threads, new DaemonThreads(name));
    }

    /** Runs {@code task} for every item; rethrows the first failure after all have finished. */
    <T> void forEach(List<T> items, Consumer<T> task) throws InterruptedException {
        List<Future<?>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> task.accept(item)));
        }
        RuntimeException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Interrupts the tasks and waits a few seconds for the threads (their Orthanc calls have deadlines). */
    void shutdown() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
