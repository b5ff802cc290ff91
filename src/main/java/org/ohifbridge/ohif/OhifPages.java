package org.ohifbridge.ohif;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ohifbridge.config.Settings;
import org.ohifbridge.http.PublicBase;

/**
 * index.html and app-config.js rendered per public base path and kept (a deployment normally sees one or
 * two bases; the map is bounded so that forged prefixes cannot grow it). Made at start ({@link #describe}), so that an
 * index.html that is not a template stops the deployment.
 */
@ApplicationScoped
public class OhifPages {
    static final int MAX_BASES = 32;

    private final OhifDist dist;
    private final IndexRenderer index;
    private final AppConfigRenderer appConfig;
    private final Map<PublicBase, RenderedPage> indexPages = new ConcurrentHashMap<>();
    private final Map<PublicBase, RenderedPage> configPages = new ConcurrentHashMap<>();
    private final Map<PublicBase, RenderedPage> http2ConfigPages = new ConcurrentHashMap<>();

    /** For CDI's client proxy only. */
    protected OhifPages() {
        this.dist = null;
        this.index = null;
        this.appConfig = null;
    }

    @Inject
    public OhifPages(OhifDist dist, Settings settings) {
        this.dist = dist;
        this.index = new IndexRenderer(dist.readText("index.html"));
        this.appConfig = new AppConfigRenderer(settings.userConfiguration(), settings.dataSource(),
                settings.userConfigurationFile().isEmpty());
    }

    /** For the start-up line: {@code OHIF 3.13.2 (1234 files)}. */
    public String describe() {
        return "OHIF " + dist.ohifVersion() + " (" + dist.assetCount() + " files)";
    }

    public RenderedPage index(PublicBase base) {
        return cached(indexPages, base, b -> RenderedPage.of(index.render(b), "text/html; charset=utf-8"));
    }

    /** @param http2 whether the request came over HTTP/2 (see {@link AppConfigRenderer}) */
    public RenderedPage appConfig(PublicBase base, boolean http2) {
        return cached(http2 ? http2ConfigPages : configPages, base,
                b -> RenderedPage.of(appConfig.render(b, http2), "text/javascript; charset=utf-8"));
    }

    private static RenderedPage cached(Map<PublicBase, RenderedPage> cache, PublicBase base,
                                       Function<PublicBase, RenderedPage> render) {
        RenderedPage page = cache.get(base);
        if (page != null) {
            return page;
        }
        page = render.apply(base);
        if (cache.size() < MAX_BASES) {
            cache.putIfAbsent(base, page);
        }
        return page;
    }
}
