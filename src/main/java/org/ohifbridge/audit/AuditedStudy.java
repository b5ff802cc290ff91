package org.ohifbridge.audit;

/**
 * The study an event is about: by its StudyInstanceUID when the audit knows it, else by the Orthanc id the request
 * named (a study's, or an instance's when not even its study is known).
 */
public record AuditedStudy(Kind kind, String id) {
    /** How {@link #id} names the study; each kind is written under its own field of the event. */
    public enum Kind {
        UID("study"), ORTHANC_STUDY("orthancStudy"), ORTHANC_INSTANCE("orthancInstance");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        /** The event's field for this kind of id. */
        public String field() {
            return field;
        }
    }

    public static AuditedStudy uid(String uid) {
        return new AuditedStudy(Kind.UID, uid);
    }
}
