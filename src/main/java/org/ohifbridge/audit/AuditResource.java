package org.ohifbridge.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.ohifbridge.http.Html;
import org.ohifbridge.http.HtmlPages;

/**
 * {@code {ctx}/admin/audit}: the shared audit trail, for "who opened this patient's images" (admin role, see the
 * sign-on filter). {@code ?study=<StudyInstanceUID>}, {@code user=}, {@code from=} and {@code to=} (an ISO instant
 * or a date, UTC) narrow it; nothing given means the last 24 hours. Newest first, at most {@value #LIMIT} rows; as a
 * page, or as CSV with {@code format=csv}. Needs a database (README, "Scaling out"): without one the trail is in the
 * log only, and this answers 409.
 */
@Path("admin/audit")
@ApplicationScoped
public class AuditResource {
    static final int LIMIT = 1000;
    private static final Pattern UID = Pattern.compile("[0-9][0-9.]{0,63}");
    private static final Logger LOG = Logger.getLogger(AuditResource.class.getName());

    private final AuditTable table;

    /** For CDI's client proxy only. */
    protected AuditResource() {
        this.table = null;
    }

    @Inject
    public AuditResource(AuditTable table) {
        this.table = table;
    }

    @GET
    public Response find(@QueryParam("study") String study, @QueryParam("user") String user,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("format") String format) {
        if (!table.enabled()) {
            return HtmlPages.page(409, Html.page("Audit trail", "No database is configured: the audit trail is in the"
                    + " server's log only (README, &quot;Audit trail&quot;).")).build();
        }
        AuditTable.Query q;
        try {
            Optional<String> s = blank(study);
            if (s.isPresent() && !UID.matcher(s.get()).matches()) {
                throw new IllegalArgumentException("study must be a StudyInstanceUID (digits and dots)");
            }
            Optional<String> u = blank(user);
            if (u.isPresent() && (u.get().length() > 256 || u.get().chars().anyMatch(Character::isISOControl))) {
                throw new IllegalArgumentException("user is not a user name");
            }
            Optional<Instant> f = instant(from, "from");
            Optional<Instant> t = instant(to, "to");
            if (s.isEmpty() && u.isEmpty() && f.isEmpty() && t.isEmpty()) {
                f = Optional.of(Instant.now().minus(1, ChronoUnit.DAYS));
            }
            q = new AuditTable.Query(s, u, f, t, LIMIT);
        } catch (IllegalArgumentException e) {
            return HtmlPages.page(400, Html.page("Audit trail", Html.text(e.getMessage()))).build();
        }
        List<AuditTable.Row> rows;
        try {
            rows = table.find(q);
        } catch (SQLException | RuntimeException e) {
            LOG.warning(() -> "ohif-bridge: admin/audit: the database did not answer (" + e.getClass().getSimpleName()
                    + ")");
            return HtmlPages.page(503, Html.page("Audit trail", "The database does not answer; try again.")).build();
        }
        boolean more = rows.size() > LIMIT;
        List<AuditTable.Row> shown = more ? rows.subList(0, LIMIT) : rows;
        if ("csv".equals(format)) {
            return Response.ok(AuditCsv.of(shown), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"ohif-bridge-audit.csv\"")
                    .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build();
        }
        return HtmlPages.page(200, page(q, shown, more)).build();
    }

    private static String page(AuditTable.Query q, List<AuditTable.Row> rows, boolean more) {
        StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Audit trail</title><style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:left;"
                + "border-bottom:1px solid #ddd;font-size:13px}</style></head><body><h1>Audit trail</h1>"
                + "<form method=\"get\">Study <input name=\"study\" value=\"" + Html.text(q.studyUid().orElse(""))
                + "\" size=\"40\"> User <input name=\"user\" value=\"" + Html.text(q.user().orElse(""))
                + "\"> From <input name=\"from\" value=\"" + Html.text(q.from().map(Instant::toString).orElse(""))
                + "\"> To <input name=\"to\" value=\"" + Html.text(q.to().map(Instant::toString).orElse(""))
                + "\"> <button>Search</button> <button name=\"format\" value=\"csv\">CSV</button></form><p>"
                + rows.size() + (more ? "+ events (the newest " + LIMIT + " shown: narrow the search)" : " events")
                + "</p><table><tr><th>Time (UTC)</th><th>Action</th><th>User</th><th>Study</th><th>Orthanc study</th>"
                + "<th>Client</th><th>Replica</th></tr>");
        for (AuditTable.Row r : rows) {
            b.append("<tr><td>").append(r.time()).append("</td><td>").append(Html.text(r.action()))
                    .append("</td><td>").append(Html.text(nz(r.user()))).append("</td><td>")
                    .append(Html.text(nz(r.studyUid()))).append("</td><td>").append(Html.text(nz(r.orthancStudy())))
                    .append("</td><td>").append(Html.text(nz(r.client()))).append("</td><td>")
                    .append(Html.text(nz(r.replica()))).append("</td></tr>");
        }
        return b.append("</table></body></html>").toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Optional<String> blank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    private static Optional<Instant> instant(String s, String name) {
        Optional<String> v = blank(s);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(v.get().length() == 10 ? LocalDate.parse(v.get()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(v.get()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date (2026-12-06) or an instant (2026-12-06T08:00:00Z)");
        }
    }
}
