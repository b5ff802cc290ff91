package org.ohifbridge.dicomjson;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One instance of a study as the document builder needs it: Orthanc's id and the 4202 record. */
public record InstanceEntry(String orthancId, ObjectNode record) {
}
