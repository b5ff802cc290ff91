package org.ohifbridge.preload;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where preloading stands, counts only (no patient data): part of {@code {ctx}/preload/status}.
 *
 * @param position         the change log position processed (-1 before the first)
 * @param newestChange     the newest change Orthanc reported
 * @param behind           changes still to look at
 * @param newInstancesSeen instances the follower handled since the deployment started
 */
public record PreloadStatus(State state, long position, long newestChange, long behind, long newInstancesSeen) {
    /** What the follower is doing. */
    public enum State {
        OFF("off"), STARTING("starting"), CATCHING_UP("catching up"), UP_TO_DATE("up to date"),
        WAITING_FOR_ORTHANC("waiting for Orthanc"), FAILING("failing");

        private final String text;

        State(String text) {
            this.text = text;
        }

        @JsonValue
        public String text() {
            return text;
        }
    }

    /** Whether it has work left that a user may wait for. */
    public boolean hasWorkLeft() {
        return state != State.OFF && behind > 0;
    }
}
