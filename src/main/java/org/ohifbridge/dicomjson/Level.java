package org.ohifbridge.dicomjson;

/** Where a tag goes in the OHIF DICOM JSON document. */
public enum Level {
    STUDY, SERIES, INSTANCE
}
