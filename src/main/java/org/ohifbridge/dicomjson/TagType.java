package org.ohifbridge.dicomjson;

/** How an Orthanc {@code tags?short} string becomes a JSON value (the plugin's {@code ParseTagFromOrthanc}). */
public enum TagType {
    /** the string as it is (empty strings included) */
    STRING,
    /** the first backslash-separated value as a signed 32-bit integer */
    INTEGER,
    /** the first value as a single-precision float */
    FLOAT,
    /** every value that parses as a float */
    FLOAT_LIST,
    /** every value as a string, empty ones included, untrimmed */
    STRING_LIST,
    /** the radiopharmaceutical sequence (0054,0016), see {@link RadiopharmaceuticalSequence} */
    PET_SEQUENCE
}
