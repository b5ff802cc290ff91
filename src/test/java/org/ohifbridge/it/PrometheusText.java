package org.ohifbridge.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scrape in Prometheus' text format (version 0.0.4): every line is a comment ({@code # HELP}, {@code # TYPE})
 * or a sample {@code name{label="value",...} number}; anything else fails the test.
 */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})?) "
                    + "([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))(?: [0-9]+)?");

    private PrometheusText() {
    }

    /** Sample (name with its labels, as written) to value. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not Prometheus' text format: " + line);
            }
            String v = m.group(2);
            samples.put(m.group(1), v.endsWith("Inf") ? (v.startsWith("-") ? Double.NEGATIVE_INFINITY
                    : Double.POSITIVE_INFINITY) : Double.parseDouble(v));
        }
        return samples;
    }

    /** The sum over every label set of one metric. */
    static double sum(Map<String, Double> samples, String name) {
        return samples.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
