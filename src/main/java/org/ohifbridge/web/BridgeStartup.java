package org.ohifbridge.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.HttpMethodConstraintElement;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import java.util.EnumSet;
import java.util.List;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ohifbridge.audit.AuditFilter;
import org.ohifbridge.audit.AuditLog;
import org.ohifbridge.config.ConfigurationException;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.config.Settings;
import org.ohifbridge.config.SettingSource;
import org.ohifbridge.config.SettingsHolder;
import org.ohifbridge.config.SettingsLoader;
import org.ohifbridge.config.SignOnMode;
import org.ohifbridge.config.SignOnSettings;
import org.ohifbridge.ohif.AppConfigRenderer;
import org.ohifbridge.ohif.IndexRenderer;
import org.ohifbridge.ohif.OhifDist;
import org.ohifbridge.ohif.OhifPages;
import org.ohifbridge.ohif.PublicPaths;
import org.ohifbridge.ohif.RequestBase;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.orthanc.OrthancClient;
import org.ohifbridge.preload.PreloadService;
import org.ohifbridge.security.SignOnFilter;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Start-up, once per deployment: reads and validates the settings (an invalid value stops the deployment
 * with a message naming the allowed values), registers the servlets and the sign-on filter for the configured
 * mode behind the audit filter, starts the audit, loads the OHIF build's manifest, prepares the page renderers, logs the effective settings with secrets
 * masked, and starts preloading and the backfill where configured (their beans stop them when the deployment ends).
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
    @Inject
    OrthancClient orthanc;
    @Inject
    AuditLog audit;

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
        audit.start(settings.auditIdle());
        register(ctx, settings);
        dist.load(ctx::getResourceAsStream);
        pages.install(new IndexRenderer(dist.readText("index.html")), new AppConfigRenderer(settings.userConfiguration(), settings.dataSource(),
                settings.userConfigurationFile().isEmpty()));
        requestBase.install(new PublicPaths(settings.routerBasename(), settings.trustedProxies()));
        LOG.log(Level.INFO, "ohif-bridge started at {0} with OHIF {1} ({2} files); settings: {3}",
                new Object[] {ctx.getContextPath().isEmpty() ? "/" : ctx.getContextPath(), dist.ohifVersion(),
                        dist.assetCount(), settings.describe()});
        if (settings.signOn().mode() == SignOnMode.ANONYMOUS) {
            LOG.warning("ohif-bridge at " + (ctx.getContextPath().isEmpty() ? "/" : ctx.getContextPath())
                    + " runs WITHOUT SIGN-ON (SignOn=anonymous): anyone who can reach this server sees every study."
                    + " Use it only on a closed network; admin routes still need the role " + settings.signOn().adminRole());
        }
        if (settings.preloadActive()) {
            preload.start(settings);
        }
        if (settings.dataSource() == DataSource.DICOM_JSON) {
            backfill.init(settings);
        }
    }


    /**
     * The JAX-RS servlet on {@code /*}, health on its own servlet, and the sign-on filter before every other filter.
     * In {@code container} mode the JAX-RS servlet carries the constraint "viewer role", so that the container signs
     * users on (BASIC, or WildFly's elytron OIDC, which works only through a constraint), and health gets its own
     * exact constraint that permits GET and HEAD: the only way to keep it out of {@code /*} on both servers (a
     * permit-all element creates no constraint on Tomcat or Undertow; a denied TRACE makes Undertow keep the exact
     * entry). The other modes add no constraint: on Tomcat a constraint would demand container sign-on before pac4j.
     */
    private void register(ServletContext ctx, Settings settings) {
        SignOnSettings signOn = settings.signOn();
        ServletRegistration.Dynamic api = ctx.addServlet("ohif-bridge", ServletContainer.class);
        api.setInitParameter("jakarta.ws.rs.Application", BridgeApplication.class.getName());
        api.setLoadOnStartup(1);
        api.setAsyncSupported(true);
        api.addMapping("/*");
        ServletRegistration.Dynamic health = ctx.addServlet("ohif-bridge-health", new HealthServlet(orthanc));
        health.addMapping("/health");
        ctx.declareRoles(signOn.viewerRole(), signOn.adminRole());
        if (signOn.mode() == SignOnMode.CONTAINER) {
            api.setServletSecurity(new ServletSecurityElement(new HttpConstraintElement(
                    ServletSecurity.TransportGuarantee.NONE, signOn.viewerRole())));
            health.setServletSecurity(new ServletSecurityElement(List.of(new HttpMethodConstraintElement("GET"),
                    new HttpMethodConstraintElement("HEAD"), new HttpMethodConstraintElement("TRACE",
                            new HttpConstraintElement(ServletSecurity.EmptyRoleSemantic.DENY)))));
        }
        // one registration, audit outside sign-on (so that it sees the refusals too): the order of two filters
        // registered "before the others" is not the same on every container
        FilterRegistration.Dynamic filter = ctx.addFilter("ohif-bridge-audit-sign-on", new AuditFilter(audit,
                settings.trustedProxies(), List.of(signOn.viewerRole(), signOn.adminRole()),
                new SignOnFilter(signOn, ctx.getContextPath())));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        // the session cookie (the only credential the browser holds in oidc mode): HttpOnly, SameSite=Lax; the
        // container adds Secure on HTTPS requests
        ctx.getSessionCookieConfig().setHttpOnly(true);
        ctx.getSessionCookieConfig().setAttribute("SameSite", "Lax");
    }
}
