package org.ohifbridge.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.ohifbridge.web.BridgeApplication;

/**
 * The fast tier's server: an embedded Tomcat in the test's own JVM, on a free loopback port, with the WAR's filters and
 * resources made by the test with the same constructors CDI calls (no CDI here), the WAR's exception mappers and Jersey
 * properties, and the test's fakes behind them (e.g. {@link FakeOrthanc}). A filter or resource change is checked in
 * seconds this way; the integration tests check the same on a real Tomcat and WildFly with a real Orthanc.
 *
 * <p>Filters and resources are made when the context starts, because some need its {@link ServletContext} (the
 * viewer's files, the context path).
 */
public final class InProcessServer implements AutoCloseable {
    private final Tomcat tomcat;
    private final String contextPath;
    private final Path baseDir;

    private InProcessServer(Tomcat tomcat, String contextPath, Path baseDir) {
        this.tomcat = tomcat;
        this.contextPath = contextPath;
        this.baseDir = baseDir;
    }

    public static Builder at(String contextPath) {
        return new Builder(contextPath);
    }

    /** What the server serves, given before it starts. */
    public static final class Builder {
        private final String contextPath;
        private Path docBase;
        private final List<String[]> users = new ArrayList<>();
        private final List<Object[]> filters = new ArrayList<>();
        private Function<ServletContext, Collection<Object>> resources;
        private String requiredRole;
        private final java.util.Map<String, String> connectorProperties = new java.util.LinkedHashMap<>();

        private Builder(String contextPath) {
            this.contextPath = contextPath;
        }

        /** The WAR's folder (e.g. with {@code WEB-INF/ohif/}); an empty one by default. */
        public Builder docBase(Path folder) {
            this.docBase = folder;
            return this;
        }

        /** A user of the container's realm (BASIC sign-on), with roles. */
        public Builder user(String name, String password, String... roles) {
            String[] u = new String[roles.length + 2];
            u[0] = name;
            u[1] = password;
            System.arraycopy(roles, 0, u, 2, roles.length);
            users.add(u);
            return this;
        }

        /** The container's own constraint on every path, as BridgeStartup sets it in {@code SignOn=container}. */
        public Builder requireRole(String role) {
            this.requiredRole = role;
            return this;
        }

        /** A filter, in the order given (the first is outermost), made when the context starts. */
        private org.ohifbridge.access.StudyScope scope = org.ohifbridge.access.StudyScope.EVERYTHING;

        public Builder filter(Function<ServletContext, Filter> make, String... patterns) {
            filters.add(new Object[] {make, patterns});
            return this;
        }

        /**
         * A property of the HTTP connector, as {@code server.xml} would set it: e.g. {@code relaxedQueryChars} to let
         * raw {@code |} or {@code ^} reach the WAR, as a deployment may, or {@code maxHttpHeaderSize} for long requests.
         */
        public Builder connector(String property, String value) {
            connectorProperties.put(property, value);
            return this;
        }

        /**
         * The studies every request may see, as the sign-on filter would attach them (default: every study, as without
         * access rules); a test's own SignOnFilter replaces it.
         */
        public Builder scope(org.ohifbridge.access.StudyScope scope) {
            this.scope = scope;
            return this;
        }

        /** The JAX-RS resources on {@code /*}, made when the context starts. */
        public Builder resources(Function<ServletContext, Collection<Object>> make) {
            this.resources = make;
            return this;
        }

        public InProcessServer start() {
            Path base = TempFolders.create("tomcat-");
            Tomcat tomcat = new Tomcat();
            try {
                Path docs = docBase != null ? docBase : Files.createDirectories(base.resolve("war"));
                tomcat.setBaseDir(base.toString());
                Connector connector = new Connector();
                connector.setPort(0);
                connector.setProperty("address", "127.0.0.1");
                for (java.util.Map.Entry<String, String> p : connectorProperties.entrySet()) {
                    if (!connector.setProperty(p.getKey(), p.getValue())) {
                        throw new IllegalArgumentException("not a connector property: " + p.getKey());
                    }
                }
                tomcat.setConnector(connector);
                for (String[] u : users) {
                    tomcat.addUser(u[0], u[1]);
                    for (int i = 2; i < u.length; i++) {
                        tomcat.addRole(u[0], u[i]);
                    }
                }
                Context ctx = tomcat.addContext(contextPath, docs.toAbsolutePath().toString());
                ctx.setLoginConfig(new LoginConfig("BASIC", "ohif-bridge", null, null));
                ctx.getPipeline().addValve(new BasicAuthenticator());
                if (requiredRole != null) {
                    SecurityConstraint constraint = new SecurityConstraint();
                    constraint.addAuthRole(requiredRole);
                    SecurityCollection all = new SecurityCollection();
                    all.addPatternDecoded("/*");
                    constraint.addCollection(all);
                    ctx.addConstraint(constraint);
                    ctx.addSecurityRole(requiredRole);
                }
                int n = 0;
                org.ohifbridge.access.StudyScope seen = scope;
                List<Object[]> all = new java.util.ArrayList<>();
                all.add(new Object[] {(Function<ServletContext, Filter>) c -> (Filter) (rq, rs, chain) -> {
                    seen.attach(rq);
                    chain.doFilter(rq, rs);
                }, new String[] {"/*"}});
                all.addAll(filters);
                for (Object[] f : all) {
                    @SuppressWarnings("unchecked")
                    Function<ServletContext, Filter> make = (Function<ServletContext, Filter>) f[0];
                    String name = "filter-" + n++;
                    FilterDef def = new FilterDef();
                    def.setFilterName(name);
                    def.setFilter(new MadeAtStart(make));
                    def.setAsyncSupported("true");
                    ctx.addFilterDef(def);
                    FilterMap map = new FilterMap();
                    map.setFilterName(name);
                    for (String pattern : (String[]) f[1]) {
                        map.addURLPatternDecoded(pattern);
                    }
                    ctx.addFilterMap(map);
                }
                if (resources != null) {
                    Tomcat.addServlet(ctx, "jax-rs", new JaxRsMadeAtStart(resources)).setAsyncSupported(true);
                    ctx.addServletMappingDecoded("/*", "jax-rs");
                }
                tomcat.start();
                return new InProcessServer(tomcat, contextPath, base);
            } catch (IOException | LifecycleException | RuntimeException e) {
                try {
                    tomcat.destroy();
                } catch (LifecycleException again) {
                    e.addSuppressed(again);
                }
                TempFolders.delete(base);
                throw new IllegalStateException("the in-process Tomcat did not start", e);
            }
        }
    }

    /** The address of a path inside the WAR, e.g. {@code ohif/viewer?x=1} (raw, no leading slash). */
    public URI uri(String pathInWar) {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + contextPath + "/" + pathInWar);
    }

    public HttpResponse<byte[]> get(String pathInWar, String... headers) throws IOException {
        return send("GET", pathInWar, headers);
    }

    /** Any method, with headers given as name, value, name, value … (no body, no redirect followed). */
    public HttpResponse<byte[]> send(String method, String pathInWar, String... headers) throws IOException {
        return Http.send(method, uri(pathInWar), headers);
    }

    /** Basic credentials as a header value. */
    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            TempFolders.delete(baseDir);
        }
    }

    /** A filter made from the context when Tomcat initialises it. */
    private static final class MadeAtStart implements Filter {
        private final Function<ServletContext, Filter> make;
        private Filter filter;

        MadeAtStart(Function<ServletContext, Filter> make) {
            this.make = make;
        }

        @Override
        public void init(FilterConfig config) throws ServletException {
            filter = make.apply(config.getServletContext());
            filter.init(config);
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            filter.doFilter(request, response, chain);
        }

        @Override
        public void destroy() {
            if (filter != null) {
                filter.destroy();
            }
        }
    }

    /** Jersey's servlet with the given resources and the WAR's providers and properties, made at start. */
    private static final class JaxRsMadeAtStart extends GenericServlet {
        private final transient Function<ServletContext, Collection<Object>> make;
        private transient ServletContainer jersey;

        JaxRsMadeAtStart(Function<ServletContext, Collection<Object>> make) {
            this.make = make;
        }

        @Override
        public void init(ServletConfig config) throws ServletException {
            super.init(config);
            ResourceConfig rc = new ResourceConfig().addProperties(new BridgeApplication().getProperties())
                    .registerClasses(BridgeApplication.PROVIDERS);
            make.apply(config.getServletContext()).forEach(rc::register);
            jersey = new ServletContainer(rc);
            jersey.init(config);
        }

        @Override
        public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
            jersey.service(request, response);
        }

        @Override
        public void destroy() {
            if (jersey != null) {
                jersey.destroy();
            }
        }
    }
}
