package org.ohifbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A setting's name lives in one place, {@link Setting}; every list an admin reads must name exactly those: the
 * README's configuration table, {@code wildfly-config/settings.cli} (one block per setting) and the properties file
 * that feeds it, {@code wildfly-config/ohif-bridge.properties.example}.
 */
class SettingNamesTest {
    private static final Set<String> KNOWN = new TreeSet<>(Setting.keys());

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    private static Set<String> all(Pattern p, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theReadmeTableHasOneRowPerSetting() throws IOException {
        String readme = read("README.md");
        int start = readme.indexOf("\n## Configuration\n");
        int end = readme.indexOf("\n## ", start + 1);
        assertTrue(start >= 0 && end > start, "the README has a section \"Configuration\"");
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(readme.substring(start, end));
        while (m.find()) {
            rows.add(m.group(1));
        }
        assertEquals(rows.size(), new LinkedHashSet<>(rows).size(), "no setting twice: " + rows);
        assertEquals(KNOWN, new TreeSet<>(rows));
    }

    @Test
    void settingsCliSetsOrRemovesEverySetting() throws IOException {
        String commands = read("wildfly-config/settings.cli").replaceAll("(?m)^\\s*#.*$", "");
        assertEquals(KNOWN, all(Pattern.compile("/system-property=ohifbridge\\.([A-Za-z]+):"), commands));
    }

    @Test
    void thePropertiesExampleDescribesEverySettingAndFeedsEveryKeyTheScriptReads() throws IOException {
        String example = read("wildfly-config/ohif-bridge.properties.example");
        // every setting is introduced by a comment line "# <Name>: ...", and nothing else is written so
        Set<String> described = all(Pattern.compile("(?m)^# ([A-Z][A-Za-z]+):"), example);
        assertEquals(KNOWN, described);
        Set<String> keys = all(Pattern.compile("(?m)^([a-z][a-z0-9.]*)="), example);
        Set<String> read = all(Pattern.compile("\\$\\{([a-z][a-z0-9.]*):\\}"), read("wildfly-config/settings.cli"));
        assertTrue(keys.containsAll(read), "keys settings.cli reads but the example lacks: " + missing(read, keys));
    }

    private static Set<String> missing(Set<String> wanted, Set<String> have) {
        Set<String> out = new TreeSet<>(wanted);
        out.removeAll(have);
        return out;
    }
}
