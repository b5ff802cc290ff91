package org.ohifbridge.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ohifbridge.config.Settings;

/** The store for a background job's position: the shared database when one is configured, else the data folder. */
@ApplicationScoped
public class StateStores {
    private final Settings settings;
    private final Database database;
    private final Leadership leadership;

    /** For CDI's client proxy only. */
    protected StateStores() {
        this.settings = null;
        this.database = null;
        this.leadership = null;
    }

    @Inject
    public StateStores(Settings settings, Database database, Leadership leadership) {
        this.settings = settings;
        this.database = database;
        this.leadership = leadership;
    }

    /** @param name the job: {@code preload} or {@code backfill} (the file {@code <name>.json}, or the row) */
    public StateStore named(String name) {
        return database.configured() ? new DatabaseState(database, leadership.lease(), name)
                : new StateFile(settings.dataFolder().resolve(name + ".json"));
    }
}
