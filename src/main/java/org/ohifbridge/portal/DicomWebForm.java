package org.ohifbridge.portal;

import java.util.Optional;
import org.ohifbridge.http.Html;

/**
 * Viewer links in the DICOMweb form ({@code viewer?StudyInstanceUIDs=<uid>}), as Orthanc Explorer 2 and many portals
 * make them, under the DICOM JSON data source, which cannot open them: the same request as a deep link, which finds
 * the study's Orthanc id and answers in the DICOM JSON form (or the chooser, for several studies).
 */
public final class DicomWebForm {
    private DicomWebForm() {
    }

    /**
     * @param route            the OHIF route, e.g. {@code viewer}
     * @param studyUids        the {@code StudyInstanceUIDs} parameter (null when absent)
     * @param hangingProtocol  the {@code hangingprotocolId} parameter (null when absent)
     * @return the deep link's path and query relative to the WAR's root, e.g. {@code open?StudyInstanceUID=1.2&mode=mpr}
     */
    public static Optional<String> asDeepLink(String route, String studyUids, String hangingProtocol) {
        if (studyUids == null || studyUids.isBlank()) {
            return Optional.empty();
        }
        ViewerMode mode = switch (route) {
            case "viewer" -> "mprAnd3DVolumeViewport".equals(hangingProtocol) ? ViewerMode.MPR : ViewerMode.VIEWER;
            case "tmtv" -> ViewerMode.TMTV;
            case "segmentation" -> ViewerMode.SEGMENTATION;
            case "microscopy" -> ViewerMode.MICROSCOPY;
            default -> null;
        };
        return mode == null ? Optional.empty()
                : Optional.of("open?StudyInstanceUID=" + Html.query(studyUids) + "&mode=" + mode.param());
    }
}
