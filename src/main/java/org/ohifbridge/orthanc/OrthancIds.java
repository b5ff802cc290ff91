package org.ohifbridge.orthanc;

import java.util.regex.Pattern;

/**
 * Orthanc's identifiers of patients, studies, series and instances: a SHA-1 written as five dash-separated groups of
 * 8 lower-case hex digits. Checked before an id becomes part of a URL, whoever gave it (a browser, or Orthanc itself).
 */
public final class OrthancIds {
    /** The syntax as a regular expression, for patterns that embed it. */
    public static final String REGEX = "[0-9a-f]{8}(?:-[0-9a-f]{8}){4}";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private OrthancIds() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /** @throws IllegalArgumentException when {@code id} is not an Orthanc id */
    static String checked(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("not an Orthanc identifier");
        }
        return id;
    }
}
