package org.ohifbridge.web;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.servlet.ServletContainer;
import org.ohifbridge.audit.AuditFilter;
import org.ohifbridge.config.Settings;
import org.ohifbridge.config.SignOnMode;
import org.ohifbridge.config.SignOnSettings;
import org.ohifbridge.http.FilterSequence;
import org.ohifbridge.ohif.OhifDist;
import org.ohifbridge.ohif.OhifPageFilter;
import org.ohifbridge.orthanc.OrthancApi;
import org.ohifbridge.portal.DicomWebFormRedirect;
import org.ohifbridge.proxy.RawAcceptFilter;
import org.ohifbridge.security.SignOnFilter;

/**
 * What must be done in code at start, once per deployment: the servlets and filters, in their order, with the
 * security constraints of the sign-on mode; then one log line with the effective settings (secrets masked). The
 * settings themselves come from {@code config.SettingsProducer} (an invalid value stops the deployment with a message
 * naming the allowed values); the beans that work in the background start themselves (they observe the application's
 * start) and stop when the deployment ends.
 */
@WebListener
public class BridgeStartup implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(BridgeStartup.class.getName());

    // the container makes this listener, and CDI fills its fields
    @Inject
    Settings settings;
    @Inject
    OhifDist dist;
    @Inject
    OrthancApi orthanc;
    @Inject
    AuditFilter audit;
    @Inject
    SignOnFilter signOn;
    @Inject
    DicomWebFormRedirect dicomWebForm;
    @Inject
    OhifPageFilter ohifPages;
    @Inject
    RawAcceptFilter rawAccept;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        register(ctx, settings.signOn());
        String where = ctx.getContextPath().isEmpty() ? "/" : ctx.getContextPath();
        LOG.log(Level.INFO, "ohif-bridge started at {0} with OHIF {1} ({2} files); settings: {3}",
                new Object[] {where, dist.ohifVersion(), dist.assetCount(), settings.describe()});
        if (settings.signOn().mode() == SignOnMode.ANONYMOUS) {
            LOG.warning("ohif-bridge at " + where + " runs WITHOUT SIGN-ON (SignOn=anonymous): anyone who can reach this"
                    + " server sees every study. Use it only on a closed network; admin routes still need the role "
                    + settings.signOn().adminRole());
        }
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
    private void register(ServletContext ctx, SignOnSettings signOnSettings) {
        ServletRegistration.Dynamic api = ctx.addServlet("ohif-bridge", ServletContainer.class);
        api.setInitParameter("jakarta.ws.rs.Application", BridgeApplication.class.getName());
        api.setLoadOnStartup(1);
        api.setAsyncSupported(true);
        api.addMapping("/*");
        ServletRegistration.Dynamic health = ctx.addServlet("ohif-bridge-health", new HealthServlet(orthanc));
        health.addMapping("/health");
        ctx.declareRoles(signOnSettings.viewerRole(), signOnSettings.adminRole());
        if (signOnSettings.mode() == SignOnMode.CONTAINER) {
            api.setServletSecurity(new ServletSecurityElement(new HttpConstraintElement(
                    ServletSecurity.TransportGuarantee.NONE, signOnSettings.viewerRole())));
            health.setServletSecurity(new ServletSecurityElement(List.of(new HttpMethodConstraintElement("GET"),
                    new HttpMethodConstraintElement("HEAD"), new HttpMethodConstraintElement("TRACE",
                            new HttpConstraintElement(ServletSecurity.EmptyRoleSemantic.DENY)))));
        }
        // one registration, audit outside sign-on (so that it sees the refusals too): the order of two filters
        // registered "before the others" is not the same on every container
        filter(ctx, "ohif-bridge-audit-sign-on", new FilterSequence(audit, signOn), false, "/*");
        // in this order after it: the Orthanc Explorer 2 links first, then the viewer's pages
        filter(ctx, "ohif-bridge-dicomweb-form", dicomWebForm, true, "/ohif/*");
        filter(ctx, "ohif-bridge-ohif-pages", ohifPages, true, "/ohif", "/ohif/*");
        filter(ctx, "ohif-bridge-raw-accept", rawAccept, true, "/dicom-web/*", "/instances/*");
        // the session cookie (the only credential the browser holds in oidc mode): HttpOnly, SameSite=Lax; the
        // container adds Secure on HTTPS requests
        ctx.getSessionCookieConfig().setHttpOnly(true);
        ctx.getSessionCookieConfig().setAttribute("SameSite", "Lax");
    }

    private static void filter(ServletContext ctx, String name, Filter filter, boolean afterOthers, String... patterns) {
        FilterRegistration.Dynamic r = ctx.addFilter(name, filter);
        r.setAsyncSupported(true);
        r.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), afterOthers, patterns);
    }
}
