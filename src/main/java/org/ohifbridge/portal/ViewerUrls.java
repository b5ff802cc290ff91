package org.ohifbridge.portal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.http.Html;

/**
 * Viewer addresses in the plugin's forms (its {@code Sources/OrthancExplorer.js}, orthanc-ohif branch OrthancOHIF-1.8),
 * below the viewer's public base (e.g.
 * {@code /pacs/ohif/}): {@code viewer?StudyInstanceUIDs=<uid>[,<uid>…]} for DICOMweb, and
 * {@code viewer?url=../studies/<orthanc id>/ohif-dicom-json} for DICOM JSON (one study per page). Orthanc ids are
 * hex and dashes by construction; UIDs come from the archive as stored, so each is percent-encoded (a conformant
 * UID, digits and dots, is unchanged): a malformed one cannot add parameters to the viewer's URL.
 */
public final class ViewerUrls {
    private ViewerUrls() {
    }

    /** One study in the given mode. */
    public static String of(String ohifBase, DataSource source, ViewerMode mode, StudySummary study) {
        return source == DataSource.DICOM_JSON
                ? ohifBase + mode.route() + "?" + mode.queryPrefix() + "url=../studies/" + study.orthancId() + "/ohif-dicom-json"
                : together(ohifBase, mode, List.of(study));
    }

    /** Several studies in one viewer: the DICOMweb data source only. */
    public static String together(String ohifBase, ViewerMode mode, List<StudySummary> studies) {
        Set<String> uids = new LinkedHashSet<>();
        studies.forEach(s -> uids.add(Html.query(s.studyUid()))); // as stored in Orthanc: never trusted
        return ohifBase + mode.route() + "?" + mode.queryPrefix() + "StudyInstanceUIDs=" + String.join(",", uids);
    }
}
