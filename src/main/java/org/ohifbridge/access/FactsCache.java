package org.ohifbridge.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Studies' facts for a few seconds, so that the frames of one study do not each ask Orthanc: at most {@code capacity}
 * entries, the least recently used leaving first, each trusted for {@code ttlNanos}. An unknown study is remembered as
 * such ({@link Optional#empty()}) for as long.
 */
final class FactsCache {
    private record Entry(Optional<StudyFacts> facts, long until) {
    }

    private final int capacity;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final LinkedHashMap<String, Entry> entries;

    FactsCache(int capacity, long ttlNanos, LongSupplier clock) {
        this.capacity = capacity;
        this.ttlNanos = ttlNanos;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > FactsCache.this.capacity;
            }
        };
    }

    /** The cached answer, or null when there is none (or it is too old). */
    synchronized Optional<StudyFacts> get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() - e.until > 0) {
            entries.remove(key);
            return null;
        }
        return e.facts;
    }

    synchronized void put(String key, Optional<StudyFacts> facts) {
        entries.put(key, new Entry(facts, clock.getAsLong() + ttlNanos));
    }

    synchronized int size() {
        return entries.size();
    }
}
