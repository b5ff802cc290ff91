package org.ohifbridge.orthanc;

/** An instance as listed under its study: Orthanc's id and the uuid of its stored DICOM file. */
public record InstanceRef(String id, String fileUuid) {
}
