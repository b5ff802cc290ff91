package org.ohifbridge.preload;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the backfill stands, counts only (no patient data): part of {@code {ctx}/preload/status}.
 *
 * @param total          instances in Orthanc when last counted (never less than {@code done})
 * @param percent        of the pass, one decimal
 * @param ratePerSecond  while running: instances per second since this deployment resumed the pass (else 0)
 * @param etaSeconds     while running: the estimated time left, unknown (empty) while the rate is 0
 * @param started        when the pass started
 */
public record BackfillStatus(State state, long done, long total, long computed, double percent,
                             double ratePerSecond, Optional<Long> etaSeconds, Optional<Instant> started) {
    /** The pass's state, as kept in {@code backfill.json}. */
    public enum State {
        IDLE("idle"), RUNNING("running"), DONE("done");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** The state a saved text names; idle for anything else. */
        public static State parse(String text) {
            return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst().orElse(IDLE);
        }
    }

    /**
     * The JSON form: {@code ratePerSecond} and {@code etaSeconds} only while running (the latter {@code null} while
     * unknown), {@code started} once a pass has started.
     */
    @JsonValue
    public ObjectNode json() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("state", state.text());
        s.put("done", done);
        s.put("total", total);
        s.put("computed", computed);
        s.put("percent", percent);
        if (state == State.RUNNING) {
            s.put("ratePerSecond", ratePerSecond);
            if (etaSeconds.isPresent()) {
                s.put("etaSeconds", etaSeconds.get());
            } else {
                s.putNull("etaSeconds");
            }
        }
        started.ifPresent(t -> s.put("started", t.toString()));
        return s;
    }
}
