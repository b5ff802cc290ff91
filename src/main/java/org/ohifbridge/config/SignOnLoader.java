package org.ohifbridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The sign-on settings, read by {@link SettingsLoader}; problems go to its shared list. */
final class SignOnLoader {
    static final String DEFAULT_VIEWER_ROLE = "ohif-viewer";
    static final String DEFAULT_ADMIN_ROLE = "ohif-admin";
    static final String DEFAULT_METRICS_ROLE = "ohif-metrics";
    static final String DEFAULT_SCOPES = "openid profile email";
    static final String DEFAULT_ROLES_CLAIM = "realm_access.roles";

    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._:@-]{1,100}");
    private static final Pattern CLAIM_PATH = Pattern.compile("[A-Za-z0-9_:-]+(\\.[A-Za-z0-9_:-]+)*");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final SettingSource source;
    private final List<String> problems;

    SignOnLoader(SettingSource source, List<String> problems) {
        this.source = source;
        this.problems = problems;
    }

    SignOnSettings load() {
        String text = source.get(Setting.SIGN_ON).orElse(SignOnMode.CONTAINER.value());
        SignOnMode mode = SignOnMode.parse(text.toLowerCase(Locale.ROOT)).orElseGet(() -> {
            problems.add(Setting.SIGN_ON + " must be one of " + SignOnMode.allowedValues() + ", but found: \"" + text + "\"");
            return SignOnMode.CONTAINER;
        });
        String viewer = role(Setting.VIEWER_ROLE, DEFAULT_VIEWER_ROLE);
        String admin = role(Setting.ADMIN_ROLE, DEFAULT_ADMIN_ROLE);
        String metrics = role(Setting.METRICS_ROLE, DEFAULT_METRICS_ROLE);
        Optional<OidcSettings> oidc = mode == SignOnMode.OIDC ? Optional.of(oidc()) : Optional.empty();
        return new SignOnSettings(mode, viewer, admin, metrics, oidc);
    }

    private String role(Setting name, String dflt) {
        String v = source.get(name).orElse(dflt);
        if (!ROLE.matcher(v).matches()) {
            problems.add(name + " must be one role name (letters, digits and . _ : @ -), but found: \"" + v + "\"");
        }
        return v;
    }

    private OidcSettings oidc() {
        String issuer = issuer();
        String clientId = source.get(Setting.OIDC_CLIENT_ID).orElse("");
        if (clientId.isEmpty()) {
            problems.add(Setting.OIDC_CLIENT_ID + " is required with " + Setting.SIGN_ON + "=oidc");
        }
        String secret = secret();
        String scopes = source.get(Setting.OIDC_SCOPES).orElse(DEFAULT_SCOPES);
        List<String> scopeList = Arrays.stream(scopes.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        if (!scopeList.contains("openid") || !scopeList.stream().allMatch(s -> SCOPE.matcher(s).matches())) {
            problems.add(Setting.OIDC_SCOPES + " must be scope names separated by spaces, including openid, but found: \"" + scopes + "\"");
        }
        List<String> claims = Arrays.stream(source.get(Setting.OIDC_ROLES_CLAIM).orElse(DEFAULT_ROLES_CLAIM).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (claims.isEmpty() || !claims.stream().allMatch(c -> CLAIM_PATH.matcher(c).matches())) {
            problems.add(Setting.OIDC_ROLES_CLAIM + " must list claim paths separated by commas, such as realm_access.roles,"
                    + " groups or resource_access.<client>.roles, but found: \"" + source.get(Setting.OIDC_ROLES_CLAIM).orElse("") + "\"");
        }
        return new OidcSettings(issuer, clientId, secret, String.join(" ", scopeList), claims);
    }

    private String issuer() {
        Optional<String> value = source.get(Setting.OIDC_ISSUER);
        if (value.isEmpty()) {
            problems.add(Setting.OIDC_ISSUER + " is required with " + Setting.SIGN_ON + "=oidc (the provider's issuer URL, e.g."
                    + " https://sso.hospital.example/realms/hospital)");
            return "";
        }
        String v = value.get().endsWith("/") ? value.get().substring(0, value.get().length() - 1) : value.get();
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                problems.add(Setting.OIDC_ISSUER + " must be an http:// or https:// URL without user, query or fragment, but found: " + v);
            }
        } catch (URISyntaxException e) {
            problems.add(Setting.OIDC_ISSUER + " is not a valid URL: " + v);
        }
        return v;
    }

    private String secret() {
        String secret = SecretSetting.read(source, Setting.OIDC_CLIENT_SECRET, Setting.OIDC_CLIENT_SECRET_FILE, problems);
        if (secret.isEmpty() && source.get(Setting.OIDC_CLIENT_SECRET).isEmpty() && source.get(Setting.OIDC_CLIENT_SECRET_FILE).isEmpty()) {
            problems.add("a client secret is required with " + Setting.SIGN_ON + "=oidc: " + Setting.OIDC_CLIENT_SECRET_FILE
                    + " (a file readable by the server only) or the environment variable "
                    + SettingSource.envName(Setting.OIDC_CLIENT_SECRET.key()));
        }
        return secret;
    }
}
