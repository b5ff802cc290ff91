package org.ohifbridge.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * The deployment's {@link Settings}, read once from its {@link ServletContext} when a bean first needs them, and that
 * {@code ServletContext} itself as {@link WarContext}.
 *
 * <p>The context comes from {@code web.BridgeStartup} ({@link #started}), the one class the container hands it to:
 * CDI cannot give it to beans here. Weld's built-in {@code ServletContext} bean is shadowed by the request-scoped one
 * that Jersey's CDI integration (jersey-cdi1x) adds for every {@code ServletContext} injection point, and that one
 * fails outside a request (WELD-001303 at start, seen on Tomcat 10.1 and WildFly 39); and observers of the
 * {@code @Initialized(ApplicationScoped.class)} event were not called before the listener started (same servers).
 *
 * <p>{@link Singleton} rather than {@code @ApplicationScoped} for the settings: a record is final, so CDI cannot put a
 * client proxy in front of it; both mean one instance for the application.
 */
@ApplicationScoped
public class SettingsProducer {
    private static final Logger LOG = Logger.getLogger(SettingsProducer.class.getName());

    private volatile ServletContext context;

    /** The deployment starts: its context, before any bean asks for the settings. */
    public void started(ServletContext started) {
        this.context = started;
    }

    @Produces
    @WarContext
    ServletContext warContext() {
        ServletContext c = context;
        if (c == null) {
            throw new IllegalStateException("the deployment has not started: no ServletContext yet");
        }
        return c;
    }

    /** @throws ConfigurationException naming every problem, which stops the deployment */
    @Produces
    @Singleton
    Settings settings(@WarContext ServletContext war) {
        try {
            return new SettingsLoader(SettingSource.of(war), war.getContextPath()).load();
        } catch (ConfigurationException e) {
            LOG.severe("ohif-bridge will not start: " + e.getMessage());
            throw e;
        }
    }
}
