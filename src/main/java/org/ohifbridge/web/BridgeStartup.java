package org.ohifbridge.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.config.ConfigurationException;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.config.Settings;
import org.ohifbridge.config.SettingSource;
import org.ohifbridge.config.SettingsHolder;
import org.ohifbridge.config.SettingsLoader;
import org.ohifbridge.ohif.AppConfigRenderer;
import org.ohifbridge.ohif.IndexRenderer;
import org.ohifbridge.ohif.OhifDist;
import org.ohifbridge.ohif.OhifPages;
import org.ohifbridge.ohif.PublicPaths;
import org.ohifbridge.ohif.RequestBase;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.preload.PreloadService;

/**
 * Start-up, once per deployment: reads and validates the settings (an invalid value stops the deployment
 * with a message naming the allowed values), loads the OHIF build's manifest, prepares the page renderers,
 * logs the effective settings with secrets masked, and starts preloading and the backfill where configured
 * (their beans stop them when the deployment ends).
 */
@WebListener
public class BridgeStartup implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(BridgeStartup.class.getName());

    @Inject
    SettingsHolder settingsHolder;
    @Inject
    OhifDist dist;
    @Inject
    OhifPages pages;
    @Inject
    RequestBase requestBase;
    @Inject
    PreloadService preload;
    @Inject
    BackfillService backfill;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        Settings settings;
        try {
            settings = new SettingsLoader(new SettingSource(ctx::getInitParameter, System::getProperty, System::getenv),
                    ctx.getContextPath()).load();
        } catch (ConfigurationException e) {
            LOG.severe("ohif-bridge will not start: " + e.getMessage());
            throw e;
        }
        settingsHolder.install(settings);
        dist.load(ctx::getResourceAsStream);
        pages.install(new IndexRenderer(dist.readText("index.html")), new AppConfigRenderer(settings.userConfiguration(), settings.dataSource(),
                settings.userConfigurationFile().isEmpty()));
        requestBase.install(new PublicPaths(settings.routerBasename(), settings.trustedProxies()));
        LOG.log(Level.INFO, "ohif-bridge started at {0} with OHIF {1} ({2} files); settings: {3}",
                new Object[] {ctx.getContextPath().isEmpty() ? "/" : ctx.getContextPath(), dist.ohifVersion(),
                        dist.assetCount(), settings.describe()});
        if (settings.preloadActive()) {
            preload.start(settings);
        }
        if (settings.dataSource() == DataSource.DICOM_JSON) {
            backfill.init(settings);
        }
    }

}
