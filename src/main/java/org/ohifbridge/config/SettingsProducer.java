package org.ohifbridge.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * The deployment's {@link Settings}, read once from the {@link ServletContext} (a built-in CDI bean) when a bean
 * first needs them: {@code BridgeStartup} does at start, so an invalid value stops the deployment with every problem
 * named. {@link Singleton} rather than {@code @ApplicationScoped}: a record is final, so CDI cannot put a client
 * proxy in front of it; both mean one instance for the application.
 */
@ApplicationScoped
public class SettingsProducer {
    private static final Logger LOG = Logger.getLogger(SettingsProducer.class.getName());

    @Produces
    @Singleton
    Settings settings(ServletContext context) {
        try {
            return new SettingsLoader(SettingSource.of(context), context.getContextPath()).load();
        } catch (ConfigurationException e) {
            LOG.severe("ohif-bridge will not start: " + e.getMessage());
            throw e;
        }
    }
}
