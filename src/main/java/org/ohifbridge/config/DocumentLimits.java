package org.ohifbridge.config;

import java.time.Duration;

/**
 * What one study document may cost (see the README's configuration table): a study past a cap is refused with 413
 * and a reason rather than built, and cold builds run a few at a time.
 *
 * @param framesPerInstance most entries one multi-frame instance may expand into ({@code MaxFramesPerInstance})
 * @param entries           most entries (instances, or frames of multi-frame ones) of a document
 *                          ({@code MaxDocumentEntries})
 * @param builds            cold builds that run at once ({@code StudyBuilds})
 * @param queue             requests that may wait for a build slot; beyond, 503 with Retry-After ({@code StudyBuildQueue})
 * @param timeout           longest a build, or a wait for a slot or for another request's build of the same study, may
 *                          take; past it 504 ({@code StudyBuildTimeout})
 * @param buildBytes        most bytes of instance records (as JSON) one build may hold; past it 413
 *                          ({@code StudyBuildMegabytes})
 */
public record DocumentLimits(int framesPerInstance, int entries, int builds, int queue, Duration timeout,
                             long buildBytes) {
}
