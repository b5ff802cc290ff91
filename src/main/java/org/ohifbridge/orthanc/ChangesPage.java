package org.ohifbridge.orthanc;

import java.util.List;

/** A page of Orthanc's change log: the changes after a sequence number, whether the log is exhausted, and the last sequence number returned. */
public record ChangesPage(List<Change> changes, boolean done, long last) {
}
