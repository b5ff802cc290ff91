package org.ohifbridge.web;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.HttpMethodConstraintElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.servlet.ServletContainer;
import org.ohifbridge.audit.AuditFilter;
import org.ohifbridge.audit.AuditLog;
import org.ohifbridge.cluster.Leadership;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.config.Settings;
import org.ohifbridge.metrics.BridgeMetrics;
import org.ohifbridge.metrics.RequestMetricsFilter;
import org.ohifbridge.config.SettingsProducer;
import org.ohifbridge.config.SignOnMode;
import org.ohifbridge.config.SignOnSettings;
import org.ohifbridge.http.FilterSequence;
import org.ohifbridge.ohif.OhifPageFilter;
import org.ohifbridge.ohif.OhifPages;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.portal.DicomWebFormRedirect;
import org.ohifbridge.portal.EmergencyViewerRedirect;
import org.ohifbridge.preload.BackfillService;
import org.ohifbridge.preload.PreloadService;
import org.ohifbridge.proxy.RawAcceptFilter;
import org.ohifbridge.security.AccessPolicy;
import org.ohifbridge.security.ProviderProbe;
import org.ohifbridge.security.SignOnFilter;

/**
 * What must be done in code at start, once per deployment: hand the container's {@code ServletContext} to
 * {@link SettingsProducer} (CDI cannot, see there), register the servlets and filters in their order with the security
 * constraints of the sign-on mode, log one line with the effective settings (secrets masked), and start the work in the
 * background. The settings come from {@code SettingsProducer}: an invalid value stops the deployment with a message
 * naming the allowed values. The beans stop their own threads when the deployment ends ({@code @PreDestroy}).
 */
@WebListener
public class BridgeStartup implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(BridgeStartup.class.getName());

    // the container makes this listener and CDI fills these fields; beans are taken from them once the deployment's
    // ServletContext is known
    @Inject
    SettingsProducer deployment;
    @Inject
    Instance<Object> beans;
    private ClientAbortLogFilter clientAborts;

    /** The deployment ends: Jersey's logger gets its own filter back. */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (clientAborts != null) {
            clientAborts.remove();
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        clientAborts = ClientAbortLogFilter.install();
        ServletContext ctx = event.getServletContext();
        deployment.started(ctx);
        Settings settings = bean(Settings.class);
        register(ctx, settings);
        String where = ctx.getContextPath().isEmpty() ? "/" : ctx.getContextPath();
        LOG.log(Level.INFO, "ohif-bridge started at {0} with {1}; settings: {2}",
                new Object[] {where, bean(OhifPages.class).describe(), settings.describe()});
        if (settings.signOn().mode() == SignOnMode.ANONYMOUS) {
            LOG.warning("ohif-bridge at " + where + " runs WITHOUT SIGN-ON (SignOn=anonymous): anyone who can reach this"
                    + " server sees every study. Use it only on a closed network; admin routes still need the role "
                    + settings.signOn().adminRole());
        }
        bean(AuditLog.class).start();
        PreloadService preload = bean(PreloadService.class);
        BackfillService backfill = bean(BackfillService.class);
        bean(Leadership.class).start(() -> {
            preload.start();
            backfill.resume();
        }, () -> {
            preload.stop();
            backfill.stop();
        });
    }

    private <T> T bean(Class<T> type) {
        return beans.select(type).get();
    }

    /**
     * The JAX-RS servlet on {@code /*}, health on its own servlet, the audit and sign-on filters before every other
     * filter, then the viewer's filters. In {@code container} mode the JAX-RS servlet carries the constraint "viewer
     * role", so that the container signs users on (BASIC, or WildFly's elytron OIDC, which works only through a
     * constraint), and health gets its own exact constraint that permits GET and HEAD: the only way to keep it out of
     * {@code /*} on both servers (a permit-all element creates no constraint on Tomcat or Undertow; a denied TRACE makes
     * Undertow keep the exact entry). The other modes add no constraint: on Tomcat a constraint would demand container
     * sign-on before pac4j.
     */
    private void register(ServletContext ctx, Settings settings) {
        SignOnSettings signOnSettings = settings.signOn();
        ServletRegistration.Dynamic api = ctx.addServlet("ohif-bridge", ServletContainer.class);
        api.setInitParameter("jakarta.ws.rs.Application", BridgeApplication.class.getName());
        api.setLoadOnStartup(1);
        api.setAsyncSupported(true);
        api.addMapping("/*");
        ServletRegistration.Dynamic health = ctx.addServlet("ohif-bridge-health", new HealthServlet(
                new HealthProbe(bean(OrthancApi.class)::isUp, signOnProbe(settings)), bean(PreloadService.class),
                bean(BackfillService.class)));
        health.addMapping(AccessPolicy.HEALTH_PROBES.toArray(String[]::new));
        ctx.declareRoles(signOnSettings.viewerRole(), signOnSettings.adminRole(), signOnSettings.metricsRole());
        if (signOnSettings.mode() == SignOnMode.CONTAINER) {
            api.setServletSecurity(new ServletSecurityElement(new HttpConstraintElement(
                    ServletSecurity.TransportGuarantee.NONE, signOnSettings.viewerRole())));
            health.setServletSecurity(new ServletSecurityElement(List.of(new HttpMethodConstraintElement("GET"),
                    new HttpMethodConstraintElement("HEAD"), new HttpMethodConstraintElement("TRACE",
                            new HttpConstraintElement(ServletSecurity.EmptyRoleSemantic.DENY)))));
        }
        // one registration, audit outside sign-on (so that it sees the refusals too): the order of two filters
        // registered "before the others" is not the same on every container
        BridgeMetrics metrics = bean(BridgeMetrics.class);
        ctx.addListener(metrics.sessions());
        filter(ctx, "ohif-bridge-audit-sign-on", new FilterSequence(new RequestMetricsFilter(metrics.registry()),
                bean(AuditFilter.class), bean(SignOnFilter.class)), false, "/*");
        // in this order after it: the Orthanc Explorer 2 links first (DICOM JSON only: with DICOMweb they need nothing),
        // then the viewer's pages
        if (settings.dataSource() == DataSource.DICOM_JSON) {
            filter(ctx, "ohif-bridge-dicomweb-form", bean(DicomWebFormRedirect.class), true, "/ohif/*");
        }
        if (settings.studyRules().configured()) { // a viewer link to a study the rules hide: emergency access
            filter(ctx, "ohif-bridge-emergency-viewer", bean(EmergencyViewerRedirect.class), true, "/ohif/*");
        }
        filter(ctx, "ohif-bridge-ohif-pages", bean(OhifPageFilter.class), true, "/ohif", "/ohif/*");
        filter(ctx, "ohif-bridge-raw-accept", bean(RawAcceptFilter.class), true, "/dicom-web/*", "/instances/*");
        // the session cookie (the only credential the browser holds in oidc mode): HttpOnly, SameSite=Lax; the
        // container adds Secure on HTTPS requests
        ctx.getSessionCookieConfig().setHttpOnly(true);
        ctx.getSessionCookieConfig().setAttribute("SameSite", "Lax");
    }

    /** In {@code oidc} mode {@code health/ready} also asks the provider. */
    private static Optional<BooleanSupplier> signOnProbe(Settings settings) {
        return settings.signOn().oidc().map(o -> new ProviderProbe(o.issuer()));
    }

    private static void filter(ServletContext ctx, String name, Filter filter, boolean afterOthers, String... patterns) {
        FilterRegistration.Dynamic r = ctx.addFilter(name, filter);
        r.setAsyncSupported(true);
        r.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), afterOthers, patterns);
    }
}
