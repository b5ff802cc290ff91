package org.ohifbridge.portal;

/**
 * What the launcher's search box may hold: up to 64 characters of text, searched as a substring. Wildcards and
 * DICOM's value separator are the search's own business, so they are taken out; control characters are refused.
 */
public final class SearchText {
    public static final int MAX = 64;

    private SearchText() {
    }

    /** @return the text to search for, "" for none @throws LinkException when it cannot be searched */
    public static String clean(String q) {
        if (q == null) {
            return "";
        }
        if (q.length() > MAX) {
            throw new LinkException("The search text is longer than " + MAX + " characters.");
        }
        StringBuilder b = new StringBuilder(q.length());
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (Character.isISOControl(c)) {
                throw new LinkException("The search text contains control characters.");
            }
            if (c != '*' && c != '?' && c != '\\') {
                b.append(c);
            }
        }
        return b.toString().trim();
    }
}
