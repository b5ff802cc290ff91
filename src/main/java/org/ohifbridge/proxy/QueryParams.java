package org.ohifbridge.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A query split at {@code &} into its parameters, in order, each kept exactly as sent (still percent-encoded), so a
 * rewrite of one parameter leaves every other byte as it was. Names and values are compared decoded, as Orthanc reads
 * them ({@link QueryEncoding#decode}): {@code li%6Dit=5} is a {@code limit} for Orthanc, so it is one here too.
 */
final class QueryParams {
    /** One parameter as sent; {@code rawValue} is null when it has no {@code =}. */
    record Param(String rawName, String rawValue) {
        String name() {
            return QueryEncoding.decode(rawName);
        }

        String value() {
            return rawValue == null ? "" : QueryEncoding.decode(rawValue);
        }

        boolean is(String decodedName) {
            return name().equals(decodedName);
        }

        @Override
        public String toString() {
            return rawValue == null ? rawName : rawName + "=" + rawValue;
        }
    }

    private QueryParams() {
    }

    /** @param canonical a query checked by {@link QueryEncoding#canonical} (null or empty: no parameter) */
    static List<Param> parse(String canonical) {
        List<Param> out = new ArrayList<>();
        if (canonical == null) {
            return out;
        }
        for (String p : canonical.split("&")) {
            int eq = p.indexOf('=');
            if (!p.isEmpty()) {
                out.add(eq < 0 ? new Param(p, null) : new Param(p.substring(0, eq), p.substring(eq + 1)));
            }
        }
        return out;
    }

    static String join(List<Param> params) {
        StringBuilder out = new StringBuilder();
        for (Param p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p);
        }
        return out.toString();
    }

    /** The parameters with every one named {@code name} (decoded) passed through {@code change}. */
    static List<Param> map(List<Param> params, String name, UnaryOperator<Param> change) {
        List<Param> out = new ArrayList<>(params.size());
        for (Param p : params) {
            out.add(p.is(name) ? change.apply(p) : p);
        }
        return out;
    }
}
