package org.ohifbridge.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A portal's deep link, checked: {@code open?StudyInstanceUID=<uid>[,<uid>…] | AccessionNumber=<a> | PatientID=<p>}
 * (several together narrow the match), with an optional {@code mode=}. Names are matched without regard to case, and
 * OHIF's own {@code StudyInstanceUIDs} is accepted too. A link identifies studies: DICOM wildcards ({@code *},
 * {@code ?}) and multi-value separators ({@code \}) are refused, so that a link cannot enumerate the archive.
 * Other parameters (a portal's tracking ones) are ignored.
 *
 * @param studyUids the UIDs asked for, without duplicates (may be empty)
 * @param attributes further exact matches: {@code AccessionNumber}, {@code PatientID}
 */
public record OpenRequest(List<String> studyUids, Map<String, String> attributes, ViewerMode mode) {
    public static final String STUDY_UID = "StudyInstanceUID";
    public static final String ACCESSION = "AccessionNumber";
    public static final String PATIENT_ID = "PatientID";
    /** Studies one link may name. */
    public static final int MAX_UIDS = 20;
    private static final int MAX_VALUE = 64;
    private static final int MAX_QUERY = 4096;
    private static final Pattern UID = Pattern.compile("[0-9]+(?:\\.[0-9]+)*");

    /**
     * @param rawQuery the query string as received (for its size)
     * @param params   the decoded parameters, each name with all its values
     * @throws LinkException with a message for the user
     */
    public static OpenRequest parse(String rawQuery, Map<String, List<String>> params) {
        if (rawQuery != null && rawQuery.length() > MAX_QUERY) {
            throw new LinkException("The link is too long.");
        }
        String uids = null;
        String mode = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String name = p.getKey().toLowerCase(Locale.ROOT);
            String canonical = switch (name) {
                case "studyinstanceuid", "studyinstanceuids" -> STUDY_UID;
                case "accessionnumber" -> ACCESSION;
                case "patientid" -> PATIENT_ID;
                case "mode" -> "mode";
                default -> null;
            };
            if (canonical == null) {
                continue;
            }
            if (p.getValue().size() != 1 || canonical.equals(STUDY_UID) && uids != null
                    || canonical.equals("mode") && mode != null || attributes.containsKey(canonical)) {
                throw new LinkException("The link gives " + canonical + " more than once.");
            }
            String value = p.getValue().get(0).trim();
            switch (canonical) {
                case STUDY_UID -> uids = value;
                case "mode" -> mode = value;
                default -> attributes.put(canonical, identifier(canonical, value));
            }
        }
        List<String> studyUids = uids == null ? List.of() : studyUids(uids);
        if (studyUids.isEmpty() && attributes.isEmpty()) {
            throw new LinkException("The link names no study: give StudyInstanceUID, AccessionNumber or PatientID.");
        }
        ViewerMode m = mode == null || mode.isEmpty() ? ViewerMode.VIEWER : ViewerMode.parse(mode)
                .orElseThrow(() -> new LinkException("Unknown mode. Use one of: " + ViewerMode.allowed() + "."));
        return new OpenRequest(studyUids, attributes, m);
    }

    private static List<String> studyUids(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String uid : value.split(",", -1)) {
            String u = uid.trim();
            if (u.isEmpty() || u.length() > 64 || !UID.matcher(u).matches()) {
                throw new LinkException("StudyInstanceUID must be one or more DICOM UIDs (digits and dots, at most 64"
                        + " characters each), separated by commas.");
            }
            out.add(u);
        }
        if (out.size() > MAX_UIDS) {
            throw new LinkException("A link may name at most " + MAX_UIDS + " studies.");
        }
        return new ArrayList<>(out);
    }

    private static String identifier(String name, String value) {
        if (value.isEmpty()) {
            throw new LinkException(name + " is empty.");
        }
        if (value.length() > MAX_VALUE) {
            throw new LinkException(name + " is longer than " + MAX_VALUE + " characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                throw new LinkException(name + " must be the exact value: wildcards (* ?) and \\ are not accepted.");
            }
            if (Character.isISOControl(c)) {
                throw new LinkException(name + " contains control characters.");
            }
        }
        return value;
    }

    /**
     * A refused link for the audit: its recognised parameters only (a portal's own, e.g. a token, stay out), each
     * value cut at 100 characters.
     */
    public static String describeRefused(Map<String, List<String>> params) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String name = p.getKey().toLowerCase(Locale.ROOT);
            if (!Set.of("studyinstanceuid", "studyinstanceuids", "accessionnumber", "patientid", "mode").contains(name)) {
                continue;
            }
            for (String v : p.getValue()) {
                b.append(b.length() == 0 ? "" : " ").append(p.getKey()).append('=')
                        .append(v.length() > 100 ? v.substring(0, 100) + "…" : v);
            }
        }
        return b.toString();
    }

    /** For the pages and the audit: {@code AccessionNumber=A123}, {@code StudyInstanceUID=1.2,1.3 PatientID=P}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (!studyUids.isEmpty()) {
            b.append(STUDY_UID).append('=').append(String.join(",", studyUids));
        }
        attributes.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }
}
