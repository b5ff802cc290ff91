package org.ohifbridge.config;

import java.util.regex.Pattern;

/**
 * A value an access rule asks of a study attribute: exact, or with DICOM's wildcards ({@code *} any run of characters,
 * {@code ?} one character), matched against the whole value. A multi-valued attribute ({@code A\B}) matches when one
 * of its values does; person names match without regard to case.
 */
public final class TagPattern {
    public static final int MAX_CHARS = 64;
    private final String text;
    private final Pattern regex;

    private TagPattern(String text, boolean ignoreCase) {
        this.text = text;
        StringBuilder re = new StringBuilder();
        for (char c : text.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        this.regex = Pattern.compile(re.toString(), Pattern.DOTALL
                | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    /**
     * @return the pattern, or null with {@code problem} told why it cannot be one
     */
    static TagPattern parse(String text, StudyTag tag, java.util.function.Consumer<String> problem) {
        if (text.isEmpty()) {
            problem.accept("an empty value (write \"*\" for any value)");
            return null;
        }
        if (text.length() > MAX_CHARS) {
            problem.accept("a value longer than " + MAX_CHARS + " characters");
            return null;
        }
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == '\\' || c == 0x7f) {
                problem.accept("a control character or a backslash in \"" + printable(text) + "\"");
                return null;
            }
        }
        return new TagPattern(text, tag.personName());
    }

    /** A pattern known to be valid (tests, code): {@link IllegalArgumentException} otherwise. */
    public static TagPattern of(String text, StudyTag tag) {
        TagPattern p = parse(text, tag, why -> {
            throw new IllegalArgumentException(why);
        });
        return p;
    }

    private static String printable(String s) {
        return s.replaceAll("[\\p{Cntrl}\\\\]", "?");
    }

    public boolean matches(String value) {
        if (value == null) {
            return isUniversal(); // DICOM's universal match: "*" matches a study without the attribute too
        }
        for (String one : value.split("\\\\", -1)) {
            if (regex.matcher(one.strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Only asterisks: every value, and no value (DICOM's universal matching). */
    public boolean isUniversal() {
        return text.chars().allMatch(c -> c == '*');
    }

    /** Whether the pattern names one value (no wildcard): a search can ask Orthanc for exactly it. */
    public boolean isExact() {
        return text.indexOf('*') < 0 && text.indexOf('?') < 0;
    }

    /** As written in the rules file (and as QIDO-RS takes it: the same wildcards). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
