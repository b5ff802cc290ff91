package org.ohifbridge.portal;

import java.util.Locale;
import java.util.Optional;

/**
 * The plugin's five ways to open a study (its {@code Sources/OrthancExplorer.js}, orthanc-ohif branch
 * OrthancOHIF-1.8): the OHIF route and the query prefix of each, with the
 * short label the launcher shows and the plugin's own name as its title.
 */
public enum ViewerMode {
    VIEWER("viewer", "Basic", "Basic viewer", "viewer", ""),
    MPR("mpr", "Volume rendering", "Volume rendering (MPR and 3D)", "viewer", "hangingprotocolId=mprAnd3DVolumeViewport&"),
    TMTV("tmtv", "TMTV", "Total metabolic tumor volume", "tmtv", ""),
    SEGMENTATION("segmentation", "Segmentation", "Segmentation", "segmentation", ""),
    MICROSCOPY("microscopy", "Microscopy", "Microscopy (experimental in OHIF)", "microscopy", "");

    private final String param;
    private final String label;
    private final String title;
    private final String route;
    private final String queryPrefix;

    ViewerMode(String param, String label, String title, String route, String queryPrefix) {
        this.param = param;
        this.label = label;
        this.title = title;
        this.route = route;
        this.queryPrefix = queryPrefix;
    }

    /** The value of {@code mode=} in a deep link. */
    public String param() {
        return param;
    }

    public String label() {
        return label;
    }

    public String title() {
        return title;
    }

    /** The OHIF route below the viewer's base, e.g. {@code viewer}. */
    public String route() {
        return route;
    }

    /** What comes after {@code ?} before the study parameter, e.g. {@code hangingprotocolId=...&}. */
    public String queryPrefix() {
        return queryPrefix;
    }

    public static Optional<ViewerMode> parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ViewerMode m : values()) {
            if (m.param.equals(v)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public static String allowed() {
        StringBuilder b = new StringBuilder();
        for (ViewerMode m : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(m.param);
        }
        return b.toString();
    }
}
