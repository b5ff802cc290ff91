package org.ohifbridge.orthanc;

/** One entry of Orthanc's change log ({@code GET /changes}). */
public record Change(long seq, String type, String resourceType, String id) {
    public boolean isNewInstance() {
        return "NewInstance".equals(type);
    }
}
