package org.ohifbridge.dicomjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Converts one value of Orthanc's {@code tags?short} format (multiple values joined by backslashes) into the
 * JSON value of the plugin's document ({@code ParseTagFromOrthanc} in its {@code Sources/Plugin.cpp}, orthanc-ohif
 * branch OrthancOHIF-1.8). A value that does not convert is left out, never
 * guessed: "5.0" is no integer, "abc" no float, and a float that overflows single precision is dropped.
 */
public final class TagValueParser {
    /** DICOM Decimal String grammar (PS3.5 6.2), which is what a float may look like. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    /** DICOM Integer String grammar. */
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,11}");

    private TagValueParser() {
    }

    /** @param type not {@link TagType#PET_SEQUENCE}; @param value the raw string from Orthanc */
    public static Optional<JsonNode> parse(TagType type, String value) {
        return switch (type) {
            case STRING -> Optional.of(TextNode.valueOf(value));
            case INTEGER -> integer(firstValue(value)).map(IntNode::valueOf);
            case FLOAT -> singleFloat(firstValue(value)).map(DoubleNode::valueOf);
            case FLOAT_LIST -> Optional.of(floatList(value));
            case STRING_LIST -> Optional.of(stringList(value));
            case PET_SEQUENCE -> throw new IllegalArgumentException("sequences are not plain values");
        };
    }

    static String firstValue(String value) {
        int cut = value.indexOf('\\');
        return (cut < 0 ? value : value.substring(0, cut)).strip();
    }

    static Optional<Integer> integer(String token) {
        if (!INTEGER.matcher(token).matches()) {
            return Optional.empty();
        }
        long v = Long.parseLong(token);
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? Optional.of((int) v) : Optional.empty();
    }

    /** The value as the plugin has it: parsed in single precision, then widened (0.7 becomes 0.699999988…). */
    static Optional<Double> singleFloat(String token) {
        if (!DECIMAL.matcher(token).matches()) {
            return Optional.empty();
        }
        float f = Float.parseFloat(token);
        return Float.isFinite(f) ? Optional.of((double) f) : Optional.empty();
    }

    private static ArrayNode floatList(String value) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (String token : value.split("\\\\", -1)) {
            singleFloat(token.strip()).ifPresent(out::add);
        }
        return out;
    }

    private static ArrayNode stringList(String value) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (String token : value.split("\\\\", -1)) {
            out.add(token);
        }
        return out;
    }
}
