package org.ohifbridge.portal;

import java.util.Optional;
import org.ohifbridge.preload.BackfillStatus;
import org.ohifbridge.preload.PreloadStatus;

/** The launcher's line on preloading and backfill while they have work left; counts only. */
final class ProgressLine {
    private ProgressLine() {
    }

    static Optional<String> of(PreloadStatus preload, BackfillStatus backfill) {
        if (backfill.state() == BackfillStatus.State.RUNNING) {
            return Optional.of("Preparing existing studies for fast opening: " + backfill.done() + " of "
                    + backfill.total() + " instances (" + backfill.percent() + "%).");
        }
        if (preload.hasWorkLeft()) {
            return Optional.of("Preparing newly arrived instances: " + preload.behind() + " changes to go.");
        }
        return Optional.empty();
    }
}
