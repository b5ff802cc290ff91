package org.ohifbridge.portal;

import java.util.List;
import java.util.Optional;
import org.ohifbridge.config.DataSource;
import org.ohifbridge.http.Html;
import org.ohifbridge.http.PublicBase;

/**
 * The launcher, the chooser and the message pages, rendered on the server: plain HTML and CSS, no script, every
 * value escaped ({@link Html}). Links and buttons are native elements, so the keyboard works everywhere (Tab, Enter);
 * the search box has the focus on arrival; on a narrow screen (a tablet held upright) each study becomes a card.
 *
 * @param ohifBase   the viewer's public base, e.g. {@code /pacs/ohif/}
 * @param root       the WAR's public root, e.g. {@code /pacs/} (the launcher)
 * @param dataSource which URL form the viewer links take
 */
public record PortalPages(String ohifBase, String root, DataSource dataSource) {
    /** The pages for one request's public paths. */
    public static PortalPages of(PublicBase base, DataSource dataSource) {
        return new PortalPages(base.ohif(), base.root(), dataSource);
    }

    /**
     * What the launcher shows. @param progress a line on preloading/backfill, when running
     *
     * @param emergency StudyInstanceUIDs that match the search but that the user's access rules hide, for a user who
     *                  may ask for emergency access (none otherwise)
     */
    public record Launcher(String query, Pagination pagination, List<StudySummary> studies, boolean truncated,
                           Optional<String> progress, Optional<String> user, List<String> emergency) {
        public Launcher(String query, Pagination pagination, List<StudySummary> studies, boolean truncated,
                        Optional<String> progress, Optional<String> user) {
            this(query, pagination, studies, truncated, progress, user, List.of());
        }
    }

    public String launcher(Launcher v) {
        StringBuilder b = new StringBuilder(8192);
        head(b, v.query().isEmpty() ? "Studies" : "Studies: " + v.query(), v.user());
        b.append("<form class=\"search\" method=\"get\" action=\"").append(Html.text(root)).append("\" role=\"search\">")
                .append("<label for=\"q\">Patient name, patient ID, accession number or description</label>")
                .append("<div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" maxlength=\"")
                .append(SearchText.MAX).append("\" autocomplete=\"off\" autofocus value=\"").append(Html.text(v.query()))
                .append("\"><button type=\"submit\">Search</button></div></form>");
        v.progress().ifPresent(p -> b.append("<p class=\"progress\" role=\"status\">").append(Html.text(p)).append("</p>"));
        Pagination p = v.pagination();
        String what = v.query().isEmpty() ? "Latest arrivals" : "Studies matching \u201c" + v.query() + "\u201d";
        if (p.total() == 0) {
            b.append("<p class=\"empty\">").append(v.query().isEmpty() ? "Orthanc holds no study yet."
                    : "No study matches \u201c" + Html.text(v.query()) + "\u201d.").append("</p>");
        } else {
            String range = (p.first() + 1) + "\u2013" + (p.first() + p.rows()) + " of " + p.total()
                    + (v.truncated() ? "+" : "");
            table(b, Html.text(what) + " <span class=\"count\">" + range + "</span>", v.studies());
            if (v.truncated()) {
                b.append("<p class=\"note\">More than ").append(PortalStudies.SEARCH_LIMIT)
                        .append(" studies match: type more of the name or the ID.</p>");
            }
            pager(b, v.query(), p);
        }
        if (!v.emergency().isEmpty()) {
            // nothing of these studies is shown: the user learns that they exist, and may state why they need one
            b.append("<p class=\"note\">").append(v.emergency().size()).append(v.emergency().size() == 1
                    ? " study outside your access rules matches" : " studies outside your access rules match")
                    .append(". In an emergency:</p><ul class=\"emergency\">");
            int n = 0;
            for (String uid : v.emergency()) {
                b.append("<li><a href=\"").append(Html.text(root + "emergency-access?study=" + Html.query(uid)))
                        .append("\">Emergency access to study ").append(++n).append("</a></li>");
            }
            b.append("</ul>");
        }
        return foot(b);
    }

    /** Several studies for one link. @param note why the chooser is shown (e.g. UIDs not found), may be empty */
    public String chooser(String linkDescription, List<StudySummary> studies, ViewerMode mode, String note,
                          boolean truncated) {
        StringBuilder b = new StringBuilder(8192);
        head(b, "Choose a study", Optional.empty());
        b.append("<p class=\"lead\">").append(studies.size()).append(truncated ? "+" : "")
                .append(" studies match <code>").append(Html.text(linkDescription)).append("</code>.");
        if (!note.isEmpty()) {
            b.append(" ").append(Html.text(note));
        }
        b.append("</p>");
        if (dataSource == DataSource.DICOM_WEB && studies.size() > 1 && studies.size() <= OpenRequest.MAX_UIDS) {
            b.append("<p><a class=\"primary\" href=\"").append(Html.text(ViewerUrls.together(ohifBase, mode, studies)))
                    .append("\">Open all ").append(studies.size()).append(" together (").append(Html.text(mode.label()))
                    .append(")</a></p>");
        }
        table(b, "Matching studies", studies);
        b.append("<p><a href=\"").append(Html.text(root)).append("\">All studies</a></p>");
        return foot(b);
    }

    /** A page with a title, a message and a way on (the launcher, with a search filled in when given). */
    public String message(String title, String message, String search) {
        StringBuilder b = new StringBuilder(2048);
        head(b, title, Optional.empty());
        b.append("<p class=\"lead\">").append(Html.text(message)).append("</p><p><a class=\"primary\" href=\"")
                .append(Html.text(root + (search.isEmpty() ? "" : "?q=" + Html.query(search))))
                .append("\">").append(search.isEmpty() ? "Open the study list" : "Search the study list")
                .append("</a></p>");
        return foot(b);
    }

    /**
     * Emergency access to one study the user's access rules hide: why it is asked, the reason box (required), and the
     * confirmation. Nothing of the study is shown before the grant but what the user asked for.
     *
     * @param error why a reason sent before was refused ("" the first time)
     */
    public String emergency(String studyUid, int minutes, String error, String reason, Optional<String> user) {
        StringBuilder b = new StringBuilder(4096);
        head(b, "Emergency access", user);
        b.append("<p class=\"lead\">Your access rules do not open the study <code>").append(Html.text(studyUid))
                .append("</code>. In an emergency you may open it for ").append(minutes)
                .append(" minutes. Your name, the time and your reason are recorded and reviewed.</p>");
        if (!error.isEmpty()) {
            b.append("<p class=\"error\" role=\"alert\">").append(Html.text(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"").append(Html.text(root)).append("emergency-access\">")
                .append("<input type=\"hidden\" name=\"study\" value=\"").append(Html.text(studyUid)).append("\">")
                .append("<label for=\"reason\">Why do you need this study now? (required)</label>")
                .append("<textarea id=\"reason\" name=\"reason\" rows=\"4\" required minlength=\"")
                .append(org.ohifbridge.access.EmergencyGrants.MIN_REASON).append("\" maxlength=\"")
                .append(org.ohifbridge.access.EmergencyGrants.MAX_REASON).append("\" autofocus>").append(Html.text(reason))
                .append("</textarea><p><button type=\"submit\">Open for ").append(minutes)
                .append(" minutes</button> <a href=\"").append(Html.text(root)).append("\">Cancel</a></p></form>");
        return foot(b);
    }

    /** The emergency grants of this replica, newest first, for review. */
    public String grants(List<org.ohifbridge.access.EmergencyGrants.Grant> grants, java.time.Instant now) {
        StringBuilder b = new StringBuilder(8192);
        head(b, "Emergency access", Optional.empty());
        if (grants.isEmpty()) {
            b.append("<p class=\"empty\">No emergency access has been granted.</p>");
            return foot(b);
        }
        b.append("<table><caption>Grants, newest first</caption><thead><tr><th scope=\"col\">User</th>")
                .append("<th scope=\"col\">Study</th><th scope=\"col\">Reason</th><th scope=\"col\">Granted</th>")
                .append("<th scope=\"col\">Until</th></tr></thead><tbody>");
        for (org.ohifbridge.access.EmergencyGrants.Grant g : grants) {
            b.append("<tr><td data-label=\"User\">").append(Html.text(g.user()))
                    .append("</td><td data-label=\"Study\"><code>").append(Html.text(g.studyUid()))
                    .append("</code></td><td data-label=\"Reason\">").append(Html.text(g.reason()))
                    .append("</td><td data-label=\"Granted\">").append(Html.text(g.from().toString()))
                    .append("</td><td data-label=\"Until\">").append(Html.text(g.until().toString()))
                    .append(g.activeAt(now) ? " (active)" : " (expired)").append("</td></tr>");
        }
        b.append("</tbody></table>");
        return foot(b);
    }

    private void table(StringBuilder b, String captionHtml, List<StudySummary> studies) {
        b.append("<table><caption>").append(captionHtml).append("</caption><thead><tr><th scope=\"col\">Patient</th>")
                .append("<th scope=\"col\">Date</th><th scope=\"col\">Modalities</th><th scope=\"col\">Description</th>")
                .append("<th scope=\"col\">Accession</th><th scope=\"col\">Instances</th><th scope=\"col\">Open in</th>")
                .append("</tr></thead><tbody>");
        for (StudySummary s : studies) {
            String name = StudySummary.displayName(s.patientName());
            b.append("<tr><td data-label=\"Patient\"><strong>").append(Html.text(name.isEmpty() ? "(no name)" : name))
                    .append("</strong><br><span class=\"sub\">ID ").append(Html.text(s.patientId()));
            if (!s.patientBirthDate().isEmpty()) {
                b.append(" \u00b7 born ").append(Html.text(StudySummary.displayDate(s.patientBirthDate())));
            }
            b.append("</span></td><td class=\"date\" data-label=\"Date\">").append(Html.text(StudySummary.displayDate(s.studyDate())))
                    .append("</td><td data-label=\"Modalities\">").append(Html.text(String.join(", ", s.modalities())))
                    .append("</td><td data-label=\"Description\">").append(Html.text(s.description()))
                    .append("</td><td data-label=\"Accession\">").append(Html.text(s.accessionNumber()))
                    .append("</td><td data-label=\"Instances\">").append(s.instances() < 0 ? "" : s.instances())
                    .append("</td><td class=\"modes\"><div>");
            String who = (name.isEmpty() ? s.patientId() : name) + ", " + StudySummary.displayDate(s.studyDate());
            for (ViewerMode m : ViewerMode.values()) {
                b.append("<a class=\"mode\" href=\"").append(Html.text(ViewerUrls.of(ohifBase, dataSource, m, s)))
                        .append("\" title=\"").append(Html.text(m.title())).append("\" aria-label=\"")
                        .append(Html.text(m.label() + ": " + who)).append("\">").append(Html.text(m.label())).append("</a>");
            }
            b.append("</div></td></tr>");
        }
        b.append("</tbody></table>");
    }

    private void pager(StringBuilder b, String query, Pagination p) {
        if (p.pages() <= 1) {
            return;
        }
        String q = query.isEmpty() ? "?" : "?q=" + Html.query(query) + "&";
        b.append("<nav class=\"pager\" aria-label=\"Pages\">");
        if (p.hasPrevious()) {
            b.append("<a rel=\"prev\" href=\"").append(Html.text(q + "page=" + (p.page() - 1))).append("\">\u2190 Newer</a>");
        }
        b.append("<span>Page ").append(p.page()).append(" of ").append(p.pages()).append("</span>");
        if (p.hasNext()) {
            b.append("<a rel=\"next\" href=\"").append(Html.text(q + "page=" + (p.page() + 1))).append("\">Older \u2192</a>");
        }
        b.append("</nav>");
    }

    private void head(StringBuilder b, String title, Optional<String> user) {
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.text(title)).append(" \u00b7 OHIF viewer</title><style>").append(CSS)
                .append("</style></head><body><header><a class=\"home\" href=\"").append(Html.text(root))
                .append("\">OHIF viewer</a>");
        user.ifPresent(u -> b.append("<span class=\"user\">").append(Html.text(u)).append(" \u00b7 <a href=\"")
                .append(Html.text(root)).append("logout\">Sign out</a></span>"));
        b.append("</header><main><h1>").append(Html.text(title)).append("</h1>");
    }

    private static String foot(StringBuilder b) {
        return b.append("</main></body></html>").toString();
    }

    private static final String CSS = """
            :root{color-scheme:light dark;--fg:#111;--bg:#fff;--muted:#555;--line:#ccd;--accent:#0b5cad;--accent-fg:#fff}
            @media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#111418;--muted:#aab;--line:#334;--accent:#5aa9ff;--accent-fg:#000}}
            *{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
            header{display:flex;justify-content:space-between;align-items:center;padding:.6rem 1rem;border-bottom:1px solid var(--line)}
            header .home{font-weight:700;color:var(--fg);text-decoration:none}.user{color:var(--muted)}
            main{padding:0 1rem 2rem;max-width:90rem;margin:auto}h1{font-size:1.4rem}
            a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
            .search label{display:block;margin-bottom:.3rem;color:var(--muted)}.search .row{display:flex;gap:.5rem;max-width:40rem}
            input[type=search]{flex:1;font-size:1.05rem;padding:.55rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
            button,.primary{font-size:1rem;padding:.55rem 1rem;border-radius:6px;border:0;background:var(--accent);color:var(--accent-fg);text-decoration:none;cursor:pointer}
            .progress{padding:.5rem .8rem;border-left:4px solid var(--accent);background:color-mix(in srgb,var(--accent) 10%,transparent)}
            table{border-collapse:collapse;width:100%;margin-top:1rem}caption{text-align:left;font-weight:600;padding:.4rem 0}
            th,td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid var(--line)}.sub,.count,.note{color:var(--muted);font-size:.9rem}
            .modes div{display:flex;flex-wrap:wrap;gap:.35rem}.date{white-space:nowrap}
            .mode{display:inline-block;padding:.3rem .55rem;font-size:.95rem;border:1px solid var(--accent);border-radius:6px;text-decoration:none;white-space:nowrap;min-height:44px;line-height:1.9}
            .mode:hover,.mode:focus-visible{background:var(--accent);color:var(--accent-fg)}
            .pager{display:flex;gap:1rem;align-items:center;margin-top:1rem}.pager a{padding:.5rem}
            textarea{display:block;width:100%;max-width:40rem;font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
            .error{padding:.5rem .8rem;border-left:4px solid #c0392b}
            @media (max-width:1000px){thead{display:none}table,caption,tbody,tr,td{display:block;width:100%}tr{border:1px solid var(--line);border-radius:8px;margin:.7rem 0;padding:.3rem}
            td{border:0;padding:.25rem .5rem}td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85rem}}
            """;
}
