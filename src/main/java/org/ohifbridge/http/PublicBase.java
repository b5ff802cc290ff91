package org.ohifbridge.http;

/**
 * Where the browser sees the WAR for one request (see {@link PublicPaths}).
 *
 * @param ohif the viewer's base, {@code routerBasename}: where index.html and OHIF's files live, e.g. {@code /pacs/ohif/}
 * @param root the folder above it, which holds {@code dicom-web/}, {@code instances/}, {@code studies/} and the
 *             launcher, e.g. {@code /pacs/}
 */
public record PublicBase(String ohif, String root) {
    /** The DICOMweb root OHIF is given: the plugin's {@code ../dicom-web}, as a path. */
    public String dicomWeb() {
        return root + "dicom-web";
    }
}
