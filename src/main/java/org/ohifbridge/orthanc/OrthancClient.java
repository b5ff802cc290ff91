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
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.glassfish.jersey.apache5.connector.Apache5ClientProperties;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.apache5.connector.Apache5HttpClientBuilderConfigurator;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.ohifbridge.Json;
import org.ohifbridge.config.Settings;

/**
 * The one HTTP client towards Orthanc: pooled keep-alive connections per {@link Lane}, connect and read timeouts, a
 * total deadline per call ({@code OrthancDeadline}, see {@link Deadlines}), the bridge's credentials added by a client
 * filter. Callers get a response whose status was already checked (2xx or 304); every failure becomes an
 * {@link OrthancException} that names the HTTP status to show and the route, never the query (it may hold a patient's
 * name). The caller owns the returned {@link Response} and must close it. Only {@link OrthancApi} uses it: that is
 * where Orthanc's paths are written. (Its methods stay public: CDI's client proxy must be able to override them.)
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
    /**
     * Orthanc closes a keep-alive connection idle for about a second (its {@code KeepAliveTimeout}, 1 s by default in
     * 1.10 and 1.12); one reused just then fails with NoHttpResponseException. Connections idle longer than this are
     * not reused, and idempotent calls are retried once on a connection the server closed.
     */
    static final TimeValue KEEP_ALIVE = TimeValue.ofMilliseconds(700);
    /** Most bytes of a JSON answer the WAR reads whole (a study listing of 100,000 instances is about 60 MB). */
    static final long MAX_JSON_BYTES = 256L << 20;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final Map<Lane, Client> clients = new EnumMap<>(Lane.class);
    private final Map<Lane, PoolingHttpClientConnectionManager> pools = new EnumMap<>(Lane.class);
    private final Map<Lane, CallStats> stats = new EnumMap<>(Lane.class);
    private final Deadlines deadlines;
    private final Duration deadline;
    private final String root;

    /** For CDI's client proxy only. */
    protected OrthancClient() {
        this.deadlines = null;
        this.deadline = null;
        this.root = null;
    }

    @Inject
    public OrthancClient(Settings settings) {
        this.root = settings.orthancUrl().toString() + "/";
        this.deadline = settings.orthancDeadline();
        this.deadlines = new Deadlines();
        int builds = settings.documentLimits().builds();
        lane(Lane.VIEWER, settings, settings.maxConnections(), settings.connectTimeout(), settings.readTimeout(),
                deadline);
        lane(Lane.DOCUMENTS, settings, settings.studyThreads() * builds + builds, settings.connectTimeout(),
                settings.readTimeout(), deadline);
        lane(Lane.BACKGROUND, settings, settings.preloadThreads() + 4, settings.connectTimeout(),
                settings.readTimeout(), deadline);
        lane(Lane.HEALTH, settings, 2, min(settings.connectTimeout(), HEALTH_TIMEOUT), HEALTH_TIMEOUT, HEALTH_TIMEOUT);
        LOG.info(() -> "ohif-bridge: Orthanc client for " + settings.orthancUrl() + " (viewer pool "
                + settings.maxConnections() + ", connect " + settings.connectTimeout().toMillis() + " ms, read "
                + settings.readTimeout().toMillis() + " ms, deadline " + deadline.toMillis() + " ms)");
    }

    /**
     * GETs {@code rawPathAndQuery} (already percent-encoded, relative to Orthanc's root, no leading slash) with the
     * given request headers, for a body that streams through: the deadline covers the answer's headers; the body
     * must then keep a pace (at least {@link Deadlines#MIN_PROGRESS} bytes per deadline window, or its connection is
     * closed), which bounds a drip-feeding Orthanc without cutting a long download short.
     */
    public Response get(Lane lane, String rawPathAndQuery, MultivaluedMap<String, Object> headers) {
        Deadlines.Call call = deadlines.start(limit(lane), route(rawPathAndQuery));
        call.streams = true;
        try {
            return send(lane, call, rawPathAndQuery, b -> b.headers(headers).header("Forwarded", FORWARDED).get());
        } finally {
            if (!call.watching()) {
                call.close(); // no body to watch (or no answer): the call ends here; a watched body ends it itself
            }
        }
    }

    /** GET of a JSON answer of at most {@code maxBytes}; the deadline covers the whole answer. */
    public JsonNode getJson(Lane lane, String rawPathAndQuery, long maxBytes) {
        try (Deadlines.Call call = deadlines.start(limit(lane), route(rawPathAndQuery));
             Response r = send(lane, call, rawPathAndQuery, b -> b.header("Forwarded", FORWARDED).get())) {
            return readJson(r, call, rawPathAndQuery, maxBytes);
        }
    }

    public JsonNode getJson(Lane lane, String rawPathAndQuery) {
        return getJson(lane, rawPathAndQuery, MAX_JSON_BYTES);
    }

    /**
     * GET of a text answer, or nothing when Orthanc has no such resource (404) or when it is longer than
     * {@code maxChars} (an entry this size is not one of ours: the caller treats it as absent).
     */
    public Optional<String> getTextIfExists(Lane lane, String rawPathAndQuery, int maxChars) {
        try (Deadlines.Call call = deadlines.start(limit(lane), route(rawPathAndQuery));
             Response r = send(lane, call, rawPathAndQuery, Invocation.Builder::get)) {
            try (InputStream in = r.readEntity(InputStream.class)) {
                byte[] bytes = in.readNBytes(maxChars + 1);
                return bytes.length > maxChars ? Optional.empty()
                        : Optional.of(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException | ProcessingException e) {
                throw failure(e, call, rawPathAndQuery);
            }
        } catch (OrthancNotFoundException e) {
            return Optional.empty();
        }
    }

    /** PUT of a plain-text body (e.g. a metadata value). */
    public void putText(Lane lane, String rawPathAndQuery, String body) {
        try (Deadlines.Call call = deadlines.start(limit(lane), route(rawPathAndQuery))) {
            send(lane, call, rawPathAndQuery, b -> b.put(Entity.entity(body, MediaType.TEXT_PLAIN_TYPE))).close();
        }
    }

    /** POST of a JSON body, answered with JSON (e.g. /tools/find). */
    public JsonNode postJson(Lane lane, String rawPathAndQuery, JsonNode body) {
        String text = body.toString();
        try (Deadlines.Call call = deadlines.start(limit(lane), route(rawPathAndQuery));
             Response r = send(lane, call, rawPathAndQuery,
                     b -> b.post(Entity.entity(text, MediaType.APPLICATION_JSON_TYPE)))) {
            return readJson(r, call, rawPathAndQuery, MAX_JSON_BYTES);
        }
    }

    /** A cheap probe of Orthanc (its /system route) on the health lane: short timeouts, connections of its own. */
    public boolean isUp() {
        try (Response r = get(Lane.HEALTH, "system", new MultivaluedHashMap<>())) {
            return r.getStatus() == 200;
        } catch (OrthancException e) {
            return false;
        }
    }

    private void lane(Lane lane, Settings s, int connections, Duration connect, Duration read, Duration lease) {
        PoolingHttpClientConnectionManager pool = pool(connections, connect, read);
        pools.put(lane, pool);
        stats.put(lane, new CallStats());
        clients.put(lane, build(s, pool, read, lease));
    }

    /** How the lane's calls went so far. */
    public CallStats stats(Lane lane) {
        return stats.get(lane);
    }

    /** The lane's connections now: leased, available, waited for, and at most. */
    public record PoolUse(int leased, int available, int pending, int max) {
    }

    public PoolUse poolUse(Lane lane) {
        var s = pools.get(lane).getTotalStats();
        return new PoolUse(s.getLeased(), s.getAvailable(), s.getPending(), s.getMax());
    }

    private Duration limit(Lane lane) {
        return lane == Lane.HEALTH ? min(deadline, HEALTH_TIMEOUT) : deadline;
    }

    private Response send(Lane lane, Deadlines.Call call, String rawPathAndQuery,
                          Function<Invocation.Builder, Response> request) {
        URI uri;
        try {
            uri = URI.create(root + rawPathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new OrthancRejectedException(400); // characters the container let through but no URI may hold
        }
        Response response;
        long t0 = System.nanoTime();
        try {
            response = request.apply(clients.get(lane).target(uri).request());
        } catch (ProcessingException e) {
            OrthancException failed = failure(e, call, rawPathAndQuery);
            stats.get(lane).record(CallStats.of(failed), System.nanoTime() - t0);
            throw failed;
        } catch (IllegalStateException e) {
            // the client was closed: the deployment ends, and background work still running gives up quietly
            throw new OrthancUnavailableException("the Orthanc client is closed (undeploy)", null);
        } finally {
            call.sent();
        }
        try {
            Response ok = checked(response, rawPathAndQuery);
            stats.get(lane).record(CallStats.Outcome.OK, System.nanoTime() - t0);
            return ok;
        } catch (OrthancException e) {
            stats.get(lane).record(CallStats.of(e), System.nanoTime() - t0);
            throw e;
        }
    }

    private static JsonNode readJson(Response r, Deadlines.Call call, String what, long maxBytes) {
        try (InputStream in = new BoundedInputStream(r.readEntity(InputStream.class), maxBytes)) {
            return Json.MAPPER.readTree(in);
        } catch (BoundedInputStream.TooLong e) {
            throw new OrthancUnavailableException("Orthanc's answer is larger than " + maxBytes + " bytes on "
                    + route(what), null);
        } catch (IOException | ProcessingException e) {
            throw failure(e, call, what);
        }
    }

    private static OrthancException failure(Exception e, Deadlines.Call call, String what) {
        if (call.expired()) {
            return new OrthancTimeoutException("Orthanc did not answer within the deadline on " + route(what), e);
        }
        if (e instanceof ProcessingException p) {
            return translate(p, what);
        }
        return new OrthancUnavailableException("Orthanc sent an unreadable answer on " + route(what), e);
    }

    static Response checked(Response response, String what) {
        int status = response.getStatus();
        if (status >= 200 && status < 300 || status == 304) {
            return response;
        }
        response.close();
        if (status == 404) {
            throw new OrthancNotFoundException("Orthanc has no such resource: " + route(what));
        }
        if (status == 401 || status == 403 || status == 407) {
            throw new OrthancUnavailableException("Orthanc refused the bridge's credentials (HTTP " + status
                    + "); check OrthancUser and OrthancPassword", null);
        }
        if (status < 500) {
            throw new OrthancRejectedException(status);
        }
        throw new OrthancUnavailableException("Orthanc failed with HTTP " + status + " on " + route(what), null);
    }

    static OrthancException translate(ProcessingException e, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // (httpclient5's ConnectTimeoutException is a SocketTimeoutException too: test it first)
            if (t instanceof ConnectTimeoutException) {
                return new OrthancUnavailableException("Orthanc cannot be reached (connect timeout)", e);
            }
            if (t instanceof ConnectionRequestTimeoutException) {
                // every connection of the lane is taken by calls Orthanc does not answer: queued, then too slow
                return new OrthancTimeoutException("no connection to Orthanc came free in time on " + route(what), e);
            }
            if (t instanceof SocketTimeoutException) {
                return new OrthancTimeoutException("Orthanc did not answer in time on " + route(what), e);
            }
        }
        return new OrthancUnavailableException("Orthanc cannot be reached: " + rootCause(e), e);
    }

    /** What a log or an error message may name: the path, never the query (a search holds the patient's name). */
    static String route(String rawPathAndQuery) {
        int q = rawPathAndQuery.indexOf('?');
        return q < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, q) + "?…";
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * @param connectTimeout to open a connection
     * @param readTimeout    per read
     */
    private static PoolingHttpClientConnectionManager pool(int connections, Duration connectTimeout,
                                                           Duration readTimeout) {
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout read = Timeout.ofMilliseconds(readTimeout.toMillis());
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect).setSocketTimeout(read)
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(200))
                        .setTimeToLive(TimeValue.ofMinutes(5)).build())
                .build();
    }

    /**
     * @param leaseTimeout to wait for a pooled connection when all are taken (a viewer's hundreds of requests queue
     *                     here rather than fail; the call's deadline ends the wait first)
     */
    private static Client build(Settings s, PoolingHttpClientConnectionManager pool, Duration readTimeout,
                                Duration leaseTimeout) {
        Timeout read = Timeout.ofMilliseconds(readTimeout.toMillis());
        ClientConfig config = new ClientConfig()
                .connectorProvider(new Apache5ConnectorProvider())
                .property(Apache5ClientProperties.CONNECTION_MANAGER, pool)
                .property(Apache5ClientProperties.DISABLE_COOKIES, true)
                .property(Apache5ClientProperties.REQUEST_CONFIG, RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(leaseTimeout.toMillis()))
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false).setContentCompressionEnabled(false).build())
                .property(ClientProperties.READ_TIMEOUT, (int) readTimeout.toMillis())
                .property(ClientProperties.FOLLOW_REDIRECTS, false)
                // bodies stream through; never let the client pick up proxies or cookies from the JVM
                .register((Apache5HttpClientBuilderConfigurator) b -> b.disableContentCompression()
                        .disableCookieManagement().disableRedirectHandling()
                        .setKeepAliveStrategy((response, context) -> KEEP_ALIVE)
                        .setRetryStrategy(new RetryOnceWhenClosed())
                        .addExecInterceptorFirst("ohif-bridge-deadline", Deadlines.interceptor()))
                .register(Deadlines.bodyWatch());
        if (s.hasOrthancCredentials()) {
            config.register(new OrthancAuthRequestFilter(s.orthancUser(), s.orthancPassword()));
        }
        return ClientBuilder.newClient(config);
    }

    /**
     * httpclient5's default strategy with one retry, no wait, and no retry on a status (Orthanc's 503 goes back as it
     * is): idempotent requests (GET, PUT of metadata) that met a connection the server had closed are sent once more.
     * A timeout, a refused connection or a cancelled request (the deadline) is not retried.
     */
    private static final class RetryOnceWhenClosed extends DefaultHttpRequestRetryStrategy {
        RetryOnceWhenClosed() {
            super(1, TimeValue.ZERO_MILLISECONDS, List.of(InterruptedIOException.class, UnknownHostException.class,
                    ConnectException.class, NoRouteToHostException.class, SSLException.class,
                    ConnectionClosedException.class), List.of());
        }
    }

    /** The deployment ends: the pooled connections are closed, calls in flight fail at once. */
    @PreDestroy
    public void close() {
        clients.values().forEach(Client::close);
        deadlines.close();
    }
}
