package org.ohifbridge.config;

import java.util.Arrays;
import java.util.Optional;

/** The OHIF data source written into app-config.js (the plugin's {@code DataSource} option). */
public enum DataSource {
    DICOM_WEB("dicom-web"),
    DICOM_JSON("dicom-json");

    private final String value;

    DataSource(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<DataSource> parse(String text) {
        return Arrays.stream(values()).filter(d -> d.value.equals(text)).findFirst();
    }

    public static String allowedValues() {
        return String.join(", ", Arrays.stream(values()).map(d -> '"' + d.value + '"').toList());
    }
}
