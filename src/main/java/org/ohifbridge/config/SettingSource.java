package org.ohifbridge.config;

import jakarta.servlet.ServletContext;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a setting's raw text comes from, in this order: servlet context init-param
 * {@code ohifbridge.<Name>}, then system property {@code ohifbridge.<Name>}, then environment variable
 * {@code OHIFBRIDGE_<NAME>} (upper snake case, e.g. {@code OHIFBRIDGE_ORTHANC_URL}).
 */
public final class SettingSource {
    public static final String PREFIX = "ohifbridge.";

    private final UnaryOperator<String> initParams;
    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;

    public SettingSource(UnaryOperator<String> initParams, UnaryOperator<String> systemProperties,
                         UnaryOperator<String> environment) {
        this.initParams = initParams;
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** The deployment's context parameters, then the JVM's system properties, then the process environment. */
    public static SettingSource of(ServletContext context) {
        return new SettingSource(context::getInitParameter, System::getProperty, System::getenv);
    }

    /** Blank values count as unset, so an empty placeholder in a context file falls through. */
    public Optional<String> get(Setting setting) {
        String key = PREFIX + setting.key();
        for (String v : new String[] {initParams.apply(key), systemProperties.apply(key),
                environment.apply(envName(setting.key()))}) {
            if (v != null && !v.isBlank()) {
                return Optional.of(v.trim());
            }
        }
        return Optional.empty();
    }

    /** A plain JVM system property (e.g. catalina.base), for defaults that depend on the container. */
    public Optional<String> systemProperty(String name) {
        return Optional.ofNullable(systemProperties.apply(name)).filter(v -> !v.isBlank());
    }

    /** {@code OrthancUrl} becomes {@code OHIFBRIDGE_ORTHANC_URL}. */
    public static String envName(String name) {
        return "OHIFBRIDGE_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
