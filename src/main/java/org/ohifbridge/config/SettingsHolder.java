package org.ohifbridge.config;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The settings of this deployment as one CDI bean. Installed once by {@code web.BridgeStartup} before any
 * filter or resource runs.
 */
@ApplicationScoped
public class SettingsHolder {
    private volatile Settings settings;

    public void install(Settings s) {
        this.settings = s;
    }

    public Settings get() {
        Settings s = settings;
        if (s == null) {
            throw new IllegalStateException("ohif-bridge settings are not loaded (start-up failed?)");
        }
        return s;
    }
}
