package org.ohifbridge.cache;

import java.util.concurrent.atomic.AtomicLong;
import org.ohifbridge.config.Setting;
import org.ohifbridge.dicomjson.DocumentTooLarge;

/**
 * The bytes of instance records (their JSON) one cold build may hold ({@code StudyBuildMegabytes}). Each record read
 * or computed for the build is taken from it, by whichever of the build's threads got it; the one that goes past the
 * budget fails the build with {@link DocumentTooLarge}, so a study of a million instances, or of instances with
 * 200 KB tag values, stops at the budget instead of filling the heap.
 */
final class RecordBudget {
    /** No limit: records read outside a build (preload, backfill). */
    static final RecordBudget NONE = new RecordBudget(Long.MAX_VALUE);

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    RecordBudget(long limit) {
        this.limit = limit;
    }

    void take(long bytes) {
        if (limit != Long.MAX_VALUE && used.addAndGet(bytes) > limit) {
            throw new DocumentTooLarge(DocumentTooLarge.Cap.RECORD_BYTES, limit, "the instance summaries of this "
                    + "study take more than " + (limit >> 20) + " MB (" + Setting.STUDY_BUILD_MEGABYTES.key() + ")");
        }
    }

    long used() {
        return used.get();
    }
}
