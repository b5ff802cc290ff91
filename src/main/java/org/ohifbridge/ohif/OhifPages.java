package org.ohifbridge.ohif;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * index.html and app-config.js rendered per public base path and kept (a deployment normally sees one or
 * two bases; the map is bounded so that forged prefixes cannot grow it).
 */
@ApplicationScoped
public class OhifPages {
    static final int MAX_BASES = 32;

    private volatile IndexRenderer index;
    private volatile AppConfigRenderer appConfig;
    private final Map<PublicPaths.Base, RenderedPage> indexPages = new ConcurrentHashMap<>();
    private final Map<PublicPaths.Base, RenderedPage> configPages = new ConcurrentHashMap<>();
    private final Map<PublicPaths.Base, RenderedPage> http2ConfigPages = new ConcurrentHashMap<>();

    public void install(IndexRenderer index, AppConfigRenderer appConfig) {
        this.index = index;
        this.appConfig = appConfig;
        indexPages.clear();
        configPages.clear();
        http2ConfigPages.clear();
    }

    public RenderedPage index(PublicPaths.Base base) {
        return cached(indexPages, base, b -> RenderedPage.of(index.render(b), "text/html; charset=utf-8"));
    }

    /** @param http2 whether the request came over HTTP/2 (see {@link AppConfigRenderer}) */
    public RenderedPage appConfig(PublicPaths.Base base, boolean http2) {
        return cached(http2 ? http2ConfigPages : configPages, base,
                b -> RenderedPage.of(appConfig.render(b, http2), "text/javascript; charset=utf-8"));
    }

    private static RenderedPage cached(Map<PublicPaths.Base, RenderedPage> cache, PublicPaths.Base base,
                                       Function<PublicPaths.Base, RenderedPage> render) {
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
