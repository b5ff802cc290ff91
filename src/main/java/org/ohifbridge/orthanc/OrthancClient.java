package org.ohifbridge.orthanc;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.apache5.connector.Apache5HttpClientBuilderConfigurator;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.ohifbridge.Json;
import org.ohifbridge.config.Settings;

/**
 * The one HTTP client towards Orthanc: pooled keep-alive connections, connect and read timeouts, the
 * bridge's credentials added by a client filter. Callers get a response whose status was already checked
 * (2xx or 304); every failure becomes an {@link OrthancException} that names the HTTP status to show.
 * The caller owns the returned {@link Response} and must close it. Only {@link OrthancApi} uses it: that is where
 * Orthanc's paths are written. (Its methods stay public: CDI's client proxy must be able to override them.)
 */
@ApplicationScoped
public class OrthancClient {
    /**
     * Orthanc's DICOMweb plugin builds absolute URLs (BulkDataURI, RetrieveURL) from the Forwarded header.
     * We make it use this marker, which the proxy then replaces with the WAR's public path.
     */
    static final String PUBLIC_ROOT_MARKER = "http://ohif-bridge.invalid/";
    private static final String FORWARDED = "host=ohif-bridge.invalid;proto=http";
    private static final Logger LOG = Logger.getLogger(OrthancClient.class.getName());

    private final Client client;
    private final String root;

    /** For CDI's client proxy only. */
    protected OrthancClient() {
        this.client = null;
        this.root = null;
    }

    @Inject
    public OrthancClient(Settings settings) {
        this.root = settings.orthancUrl().toString() + "/";
        this.client = build(settings);
    }

    /**
     * GETs {@code rawPathAndQuery} (already percent-encoded, relative to Orthanc's root, no leading slash)
     * with the given request headers.
     */
    public Response get(String rawPathAndQuery, MultivaluedMap<String, Object> headers) {
        return send(rawPathAndQuery, b -> b.headers(headers).header("Forwarded", FORWARDED).get());
    }

    /** GET of a JSON answer (path relative to Orthanc's root, already encoded). */
    public JsonNode getJson(String rawPathAndQuery) {
        try (Response r = get(rawPathAndQuery, new MultivaluedHashMap<>())) {
            return readJson(r, rawPathAndQuery);
        }
    }

    /** GET of a text answer, or nothing when Orthanc has no such resource (404). */
    public Optional<String> getTextIfExists(String rawPathAndQuery) {
        try (Response r = get(rawPathAndQuery, new MultivaluedHashMap<>())) {
            return Optional.of(r.readEntity(String.class));
        } catch (OrthancNotFoundException e) {
            return Optional.empty();
        } catch (ProcessingException e) {
            throw translate(e, rawPathAndQuery);
        }
    }

    /** PUT of a plain-text body (e.g. a metadata value). */
    public void putText(String rawPathAndQuery, String body) {
        send(rawPathAndQuery, b -> b.put(Entity.entity(body, MediaType.TEXT_PLAIN_TYPE))).close();
    }

    /** POST of a JSON body, answered with JSON (e.g. /tools/find). */
    public JsonNode postJson(String rawPathAndQuery, JsonNode body) {
        String text = body.toString();
        try (Response r = send(rawPathAndQuery, b -> b.post(Entity.entity(text, MediaType.APPLICATION_JSON_TYPE)))) {
            return readJson(r, rawPathAndQuery);
        }
    }

    private Response send(String rawPathAndQuery, java.util.function.Function<Invocation.Builder, Response> call) {
        URI uri = URI.create(root + rawPathAndQuery);
        Response response;
        try {
            response = call.apply(client.target(uri).request());
        } catch (ProcessingException e) {
            throw translate(e, rawPathAndQuery);
        }
        return checked(response, rawPathAndQuery);
    }

    private static JsonNode readJson(Response r, String what) {
        try (InputStream in = r.readEntity(InputStream.class)) {
            return Json.MAPPER.readTree(in);
        } catch (ProcessingException e) {
            throw translate(e, what);
        } catch (IOException e) {
            throw new OrthancUnavailableException("Orthanc sent an unreadable answer for " + what, e);
        }
    }

    /** A cheap liveness probe of Orthanc (its /system route). */
    public boolean isUp() {
        try (Response r = get("system", new MultivaluedHashMap<>())) {
            return r.getStatus() == 200;
        } catch (OrthancException e) {
            return false;
        }
    }

    static Response checked(Response response, String what) {
        int status = response.getStatus();
        if (status >= 200 && status < 300 || status == 304) {
            return response;
        }
        response.close();
        if (status == 404) {
            throw new OrthancNotFoundException("Orthanc has no such resource: " + what);
        }
        if (status == 401 || status == 403 || status == 407) {
            throw new OrthancUnavailableException("Orthanc refused the bridge's credentials (HTTP " + status
                    + "); check OrthancUser and OrthancPassword", null);
        }
        if (status < 500) {
            throw new OrthancRejectedException(status);
        }
        throw new OrthancUnavailableException("Orthanc failed with HTTP " + status + " on " + what, null);
    }

    static OrthancException translate(ProcessingException e, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // (httpclient5's ConnectTimeoutException is a SocketTimeoutException too: test it first)
            if (t instanceof ConnectTimeoutException) {
                return new OrthancUnavailableException("Orthanc cannot be reached (connect timeout)", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new OrthancTimeoutException("Orthanc did not answer in time: " + what, e);
            }
        }
        return new OrthancUnavailableException("Orthanc cannot be reached: " + rootCause(e), e);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private static Client build(Settings s) {
        Timeout connect = Timeout.ofMilliseconds(s.connectTimeout().toMillis());
        Timeout read = Timeout.ofMilliseconds(s.readTimeout().toMillis());
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(s.maxConnections())
                .setMaxConnPerRoute(s.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect).setSocketTimeout(read)
                        .setTimeToLive(5, TimeUnit.MINUTES).build())
                .build();
        ClientConfig config = new ClientConfig()
                .connectorProvider(new Apache5ConnectorProvider())
                .property(Apache5ClientProperties.CONNECTION_MANAGER, pool)
                .property(Apache5ClientProperties.DISABLE_COOKIES, true)
                .property(Apache5ClientProperties.REQUEST_CONFIG, RequestConfig.custom()
                        .setConnectionRequestTimeout(connect).setResponseTimeout(read)
                        .setRedirectsEnabled(false).setContentCompressionEnabled(false).build())
                .property(ClientProperties.CONNECT_TIMEOUT, (int) s.connectTimeout().toMillis())
                .property(ClientProperties.READ_TIMEOUT, (int) s.readTimeout().toMillis())
                .property(ClientProperties.FOLLOW_REDIRECTS, false)
                // bodies stream through; never let the client pick up proxies or cookies from the JVM
                .register((Apache5HttpClientBuilderConfigurator) b -> b.disableContentCompression()
                        .disableCookieManagement().disableRedirectHandling().disableAutomaticRetries());
        if (s.hasOrthancCredentials()) {
            config.register(new OrthancAuthRequestFilter(s.orthancUser(), s.orthancPassword()));
        }
        LOG.info(() -> "ohif-bridge: Orthanc client for " + s.orthancUrl() + " (pool " + s.maxConnections()
                + ", connect " + s.connectTimeout().toMillis() + " ms, read " + s.readTimeout().toMillis() + " ms)");
        return ClientBuilder.newClient(config);
    }

    /** The deployment ends: the pooled connections are closed. */
    @PreDestroy
    public void close() {
        client.close();
    }
}
