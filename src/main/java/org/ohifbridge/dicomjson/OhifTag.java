package org.ohifbridge.dicomjson;

/**
 * One row of the tag table: an Orthanc tag key ({@code gggg,eeee}, lower case), the key it gets in the
 * OHIF document, its conversion, and its level.
 */
public record OhifTag(Level level, String tag, String name, TagType type) {
}
