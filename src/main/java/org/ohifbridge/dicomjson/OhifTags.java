package org.ohifbridge.dicomjson;

import static org.ohifbridge.dicomjson.Level.INSTANCE;
import static org.ohifbridge.dicomjson.Level.SERIES;
import static org.ohifbridge.dicomjson.Level.STUDY;
import static org.ohifbridge.dicomjson.TagType.FLOAT;
import static org.ohifbridge.dicomjson.TagType.FLOAT_LIST;
import static org.ohifbridge.dicomjson.TagType.INTEGER;
import static org.ohifbridge.dicomjson.TagType.PET_SEQUENCE;
import static org.ohifbridge.dicomjson.TagType.STRING;
import static org.ohifbridge.dicomjson.TagType.STRING_LIST;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tag table of Orthanc's OHIF plugin ({@code InitializeOhifTags} in its {@code Sources/Plugin.cpp}, orthanc-ohif
 * branch OrthancOHIF-1.8): 9 study, 5 series and 39 instance rows, 50 distinct tags (Modality and the study and
 * series UIDs sit on two levels). It decides both what
 * the per-instance record (metadata 4202) holds and where each value lands in the study document. Adding a tag
 * is one row here (and a cache-format version bump, see {@link InstanceRecords#VERSION}).
 *
 * <p>What OHIF reads these for: the DICOM JSON data source and the PET tags for SUV
 * (https://docs.ohif.org/configuration/dataSources/dicom-json).
 */
public final class OhifTags {
    public static final List<OhifTag> ALL = List.of(
            new OhifTag(STUDY, "0020,000d", "StudyInstanceUID", STRING),
            new OhifTag(STUDY, "0008,0020", "StudyDate", STRING),
            new OhifTag(STUDY, "0008,0030", "StudyTime", STRING),
            new OhifTag(STUDY, "0008,1030", "StudyDescription", STRING),
            new OhifTag(STUDY, "0010,0010", "PatientName", STRING),
            new OhifTag(STUDY, "0010,0020", "PatientID", STRING),
            new OhifTag(STUDY, "0008,0050", "AccessionNumber", STRING),
            new OhifTag(STUDY, "0010,1010", "PatientAge", STRING),
            new OhifTag(STUDY, "0010,0040", "PatientSex", STRING),

            new OhifTag(SERIES, "0020,000e", "SeriesInstanceUID", STRING),
            new OhifTag(SERIES, "0020,0011", "SeriesNumber", INTEGER),
            new OhifTag(SERIES, "0008,103e", "SeriesDescription", STRING),
            new OhifTag(SERIES, "0008,0060", "Modality", STRING),
            new OhifTag(SERIES, "0018,0050", "SliceThickness", FLOAT),

            new OhifTag(INSTANCE, "0028,0011", "Columns", INTEGER),
            new OhifTag(INSTANCE, "0028,0010", "Rows", INTEGER),
            new OhifTag(INSTANCE, "0020,0013", "InstanceNumber", INTEGER),
            new OhifTag(INSTANCE, "0008,0016", "SOPClassUID", STRING),
            new OhifTag(INSTANCE, "0028,0004", "PhotometricInterpretation", STRING),
            new OhifTag(INSTANCE, "0028,0100", "BitsAllocated", INTEGER),
            new OhifTag(INSTANCE, "0028,0101", "BitsStored", INTEGER),
            new OhifTag(INSTANCE, "0028,0103", "PixelRepresentation", INTEGER),
            new OhifTag(INSTANCE, "0028,0002", "SamplesPerPixel", INTEGER),
            new OhifTag(INSTANCE, "0028,0030", "PixelSpacing", FLOAT_LIST),
            new OhifTag(INSTANCE, "0028,0102", "HighBit", INTEGER),
            new OhifTag(INSTANCE, "0020,0037", "ImageOrientationPatient", FLOAT_LIST),
            new OhifTag(INSTANCE, "0020,0032", "ImagePositionPatient", FLOAT_LIST),
            new OhifTag(INSTANCE, "0020,0052", "FrameOfReferenceUID", STRING),
            new OhifTag(INSTANCE, "0008,0008", "ImageType", STRING_LIST),
            new OhifTag(INSTANCE, "0008,0060", "Modality", STRING),
            new OhifTag(INSTANCE, "0008,0018", "SOPInstanceUID", STRING),
            new OhifTag(INSTANCE, "0020,000e", "SeriesInstanceUID", STRING),
            new OhifTag(INSTANCE, "0020,000d", "StudyInstanceUID", STRING),
            new OhifTag(INSTANCE, "0028,1050", "WindowCenter", FLOAT),
            new OhifTag(INSTANCE, "0028,1051", "WindowWidth", FLOAT),
            new OhifTag(INSTANCE, "0008,0021", "SeriesDate", STRING),
            // PET (SUV computation in OHIF)
            new OhifTag(INSTANCE, "0008,0022", "AcquisitionDate", STRING),
            new OhifTag(INSTANCE, "0008,0032", "AcquisitionTime", STRING),
            new OhifTag(INSTANCE, "0008,0031", "SeriesTime", STRING),
            new OhifTag(INSTANCE, "0010,1020", "PatientSize", FLOAT),
            new OhifTag(INSTANCE, "0010,1030", "PatientWeight", FLOAT),
            new OhifTag(INSTANCE, "0018,1242", "ActualFrameDuration", INTEGER),
            new OhifTag(INSTANCE, "0028,0051", "CorrectedImage", STRING_LIST),
            new OhifTag(INSTANCE, "0054,1001", "Units", STRING),
            new OhifTag(INSTANCE, "0054,1102", "DecayCorrection", STRING),
            new OhifTag(INSTANCE, "0054,1300", "FrameReferenceTime", FLOAT),
            new OhifTag(INSTANCE, "0054,0016", "RadiopharmaceuticalInformationSequence", PET_SEQUENCE),
            // volume rendering and multi-frame (plugin 1.3)
            new OhifTag(INSTANCE, "0028,1052", "RescaleIntercept", FLOAT),
            new OhifTag(INSTANCE, "0028,1053", "RescaleSlope", FLOAT),
            new OhifTag(INSTANCE, "0028,0008", "NumberOfFrames", INTEGER),
            // vendor-private PET scale factors, named by their tag as in the plugin (marked UNTESTED there too)
            new OhifTag(INSTANCE, "7053,1000", "70531000", FLOAT), // Philips SUVScaleFactor
            new OhifTag(INSTANCE, "7053,1009", "70531009", FLOAT), // Philips ActivityConcentrationScaleFactor
            new OhifTag(INSTANCE, "0009,100d", "0009100d", STRING)); // GE PrivatePostInjectionDateTime

    /** Every distinct tag of the table with its conversion (the content of a per-instance record). */
    public static final Map<String, TagType> RECORD_TAGS = recordTags();

    private OhifTags() {
    }

    public static List<OhifTag> at(Level level) {
        return ALL.stream().filter(t -> t.level() == level).toList();
    }

    private static Map<String, TagType> recordTags() {
        Map<String, TagType> out = new LinkedHashMap<>();
        for (OhifTag t : ALL) {
            TagType previous = out.putIfAbsent(t.tag(), t.type());
            if (previous != null && previous != t.type()) {
                throw new IllegalStateException("tag " + t.tag() + " declared with two types");
            }
        }
        return Map.copyOf(out);
    }
}
