package org.ohifbridge.config;

import java.util.List;

/** Invalid settings: thrown at start so that the deployment fails with a readable message. */
public class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super("invalid ohif-bridge configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
