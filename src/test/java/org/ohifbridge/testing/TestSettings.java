package org.ohifbridge.testing;

import java.util.HashMap;
import java.util.Map;
import org.ohifbridge.config.Setting;
import org.ohifbridge.config.SettingSource;
import org.ohifbridge.config.Settings;
import org.ohifbridge.config.SettingsLoader;

/**
 * {@link Settings} for unit tests, made the way a deployment makes them ({@link SettingsLoader}) from the given values
 * only (no system property or environment variable counts), with a fresh temporary DataFolder unless one is given
 * ({@link TempFolders}).
 */
public final class TestSettings {
    private TestSettings() {
    }

    /** @param nameValues setting name, value, name, value … */
    public static Settings of(String... nameValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            values.put(SettingSource.PREFIX + nameValues[i], nameValues[i + 1]);
        }
        values.computeIfAbsent(SettingSource.PREFIX + Setting.DATA_FOLDER.key(),
                k -> TempFolders.create("data-").toString());
        return new SettingsLoader(new SettingSource(values::get, name -> null, name -> null), "/pacs").load();
    }
}
