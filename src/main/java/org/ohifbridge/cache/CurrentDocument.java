package org.ohifbridge.cache;

import java.util.List;

/**
 * A study's document as the study is now, with the Orthanc ids of the instances Orthanc listed for it: the files the
 * viewer fetches next ({@code dicomweb:../instances/{id}/file}).
 */
public record CurrentDocument(StudyDocument document, List<String> instanceIds) {
}
