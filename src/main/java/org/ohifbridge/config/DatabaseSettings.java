package org.ohifbridge.config;

import java.util.Optional;

/**
 * Where replicas keep their shared state (see the README's "Scaling out"): a container DataSource by its JNDI name
 * ({@code DatabaseJndi}), or a PostgreSQL JDBC URL with a user and a password read from a file ({@code DatabaseUrl},
 * {@code DatabaseUser}, {@code DatabasePasswordFile}). Neither: one node, state in the data folder.
 */
public record DatabaseSettings(Optional<String> jndiName, Optional<String> url, String user, String password) {
    public static final DatabaseSettings NONE = new DatabaseSettings(Optional.empty(), Optional.empty(), "", "");

    public boolean configured() {
        return jndiName.isPresent() || url.isPresent();
    }

    /** For the start-up log: never the password. */
    public String describe() {
        if (jndiName.isPresent()) {
            return Setting.DATABASE_JNDI + "=" + jndiName.get();
        }
        return url.map(u -> Setting.DATABASE_URL + "=" + u + ", " + Setting.DATABASE_USER + "=" + user + ", "
                + Setting.DATABASE_PASSWORD_FILE + "=" + (password.isEmpty() ? "(none)" : "****"))
                .orElse("database=(none: state in the data folder)");
    }

    @Override
    public String toString() {
        return describe();
    }
}
