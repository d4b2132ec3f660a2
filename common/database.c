/*
 * database.c - open, schema, version, migration and transactions.
 */
#include "database.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "diag.h"
#include "i18n.h"

/* Schema version 1. Column names are the codebook's; see docs/database.md. */
static const char schema_v1[] =
    "CREATE TABLE lieferungen(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  datei TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  datensatz TEXT NOT NULL,\n"
    "  kodierung TEXT NOT NULL,\n"
    "  trennzeichen TEXT NOT NULL,\n"
    "  zeilen_gelesen INTEGER NOT NULL,\n"
    "  zeilen_geladen INTEGER NOT NULL,\n"
    "  zeilen_abgewiesen INTEGER NOT NULL,\n"
    "  zeitpunkt TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX lieferungen_sha256 ON lieferungen(sha256, datensatz);\n"
    "CREATE TABLE abweisungen(\n"
    "  lieferung INTEGER NOT NULL REFERENCES lieferungen(id),\n"
    "  zeile INTEGER NOT NULL,\n"
    "  feld TEXT,\n"
    "  wert TEXT,\n"
    "  grund TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX abweisungen_lieferung ON abweisungen(lieferung);\n"
    "CREATE TABLE teilnahmen(\n"
    "  fall_id TEXT NOT NULL,\n"
    "  kommune TEXT NOT NULL,\n"
    "  geburtsjahr INTEGER NOT NULL,\n"
    "  geschlecht TEXT,\n"
    "  staatsangehoerigkeit TEXT,\n"
    "  aufenthaltsstatus TEXT NOT NULL,\n"
    "  leistungsbezug TEXT,\n"
    "  deutsch_eintritt TEXT,\n"
    "  deutsch_austritt TEXT,\n"
    "  schulabschluss TEXT,\n"
    "  bedarfe TEXT,\n"
    "  baustein INTEGER NOT NULL,\n"
    "  traeger TEXT,\n"
    "  eintritt TEXT NOT NULL,\n"
    "  austritt TEXT,\n"
    "  verbleib TEXT,\n"
    "  verbleib_datum TEXT,\n"
    "  abschluss_erreicht INTEGER,\n"
    "  pruefung TEXT,\n"
    "  zielgruppe INTEGER NOT NULL,\n"
    "  lieferung INTEGER NOT NULL REFERENCES lieferungen(id),\n"
    "  zeile INTEGER NOT NULL,\n"
    "  PRIMARY KEY(fall_id, baustein, eintritt)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE angebote(\n"
    "  angebot_id TEXT NOT NULL PRIMARY KEY,\n"
    "  baustein INTEGER,\n"
    "  titel TEXT NOT NULL,\n"
    "  traeger TEXT,\n"
    "  kommune TEXT NOT NULL,\n"
    "  bedarfe TEXT NOT NULL,\n"
    "  zugang TEXT NOT NULL,\n"
    "  plaetze INTEGER NOT NULL,\n"
    "  beginn TEXT,\n"
    "  ende TEXT,\n"
    "  lieferung INTEGER NOT NULL REFERENCES lieferungen(id),\n"
    "  zeile INTEGER NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE mittel(\n"
    "  jahr INTEGER NOT NULL,\n"
    "  baustein INTEGER NOT NULL,\n"
    "  bewilligt REAL NOT NULL,\n"
    "  verausgabt REAL NOT NULL,\n"
    "  lieferung INTEGER NOT NULL REFERENCES lieferungen(id),\n"
    "  zeile INTEGER NOT NULL,\n"
    "  PRIMARY KEY(jahr, baustein)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE laeufe(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  zeitpunkt TEXT NOT NULL,\n"
    "  periode_von TEXT NOT NULL,\n"
    "  periode_bis TEXT NOT NULL,\n"
    "  config TEXT NOT NULL,\n"
    "  config_sha256 TEXT NOT NULL,\n"
    "  lieferungen TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE kennzahlen(\n"
    "  kennzahl TEXT NOT NULL,\n"
    "  dimension TEXT NOT NULL,\n"
    "  kategorie TEXT NOT NULL,\n"
    "  zaehler NUMERIC,\n"
    "  nenner NUMERIC,\n"
    "  wert NUMERIC,\n"
    "  ci_unten REAL,\n"
    "  ci_oben REAL,\n"
    "  gesperrt INTEGER NOT NULL DEFAULT 0,\n"
    "  periode_von TEXT NOT NULL,\n"
    "  periode_bis TEXT NOT NULL,\n"
    "  lauf INTEGER REFERENCES laeufe(id)\n"
    ");\n"
    "CREATE INDEX kennzahlen_periode ON kennzahlen(periode_von, periode_bis, kennzahl);\n";

/*
 * Version 2: disclosure control over two periods (docs/disclosure.md). A
 * figure says which period of its run it belongs to (`bezug`: the period or
 * the previous one it is compared with), why it is withheld
 * (`geheimhaltung`); a run records its comparison period and the date its
 * data describe.
 */
static const char schema_v2[] =
    "ALTER TABLE kennzahlen ADD COLUMN bezug TEXT NOT NULL DEFAULT 'periode';\n"
    "ALTER TABLE kennzahlen ADD COLUMN geheimhaltung TEXT;\n"
    "ALTER TABLE laeufe ADD COLUMN vorperiode_von TEXT;\n"
    "ALTER TABLE laeufe ADD COLUMN vorperiode_bis TEXT;\n"
    "ALTER TABLE laeufe ADD COLUMN datenstand TEXT;\n"
    "CREATE INDEX kennzahlen_lauf ON kennzahlen(lauf);\n";

/*
 * Version 3: a withheld figure names the counts withheld with it
 * (`gesperrt_teile`). A count it shows that another shown figure prints
 * anyway stays visible in it, so one count reads the same everywhere.
 */
static const char schema_v3[] = "ALTER TABLE kennzahlen ADD COLUMN gesperrt_teile TEXT;\n";

/*
 * Version 4. Batch identity (issue 10): a batch is a file's SHA-256 together with the hash
 * of the mapping it was read with (lieferungen.zuordnung); the same file under
 * a changed mapping is processed again, and the rejected rows of its earlier
 * batches are marked superseded (ersetzt_durch = the new batch), never deleted.
 * Batches of older databases have zuordnung '': they count as another mapping.
 */
static const char migration_batch_identity[] =
    "ALTER TABLE lieferungen ADD COLUMN zuordnung TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE lieferungen ADD COLUMN ersetzt_durch INTEGER REFERENCES lieferungen(id);\n"
    "ALTER TABLE abweisungen ADD COLUMN ersetzt_durch INTEGER REFERENCES lieferungen(id);\n"
    "DROP INDEX lieferungen_sha256;\n"
    "CREATE INDEX lieferungen_sha256 ON lieferungen(sha256, datensatz, zuordnung);\n";

/* migrations[v] takes a database from version v to v + 1. */
static const char *const migrations[DATABASE_SCHEMA_VERSION] = {schema_v1, schema_v2, schema_v3,
                                                               migration_batch_identity};

dbk_error database_error_from(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return DBK_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return DBK_ERR_DB_LOCKED;
    case SQLITE_NOTADB:
        return DBK_ERR_DB_NOT_SQLITE;
    case SQLITE_NOMEM:
        return DBK_ERR_NOMEM;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return DBK_ERR_IO;
    default:
        return DBK_ERR_DB;
    }
}

const char *database_errmsg(sqlite3 *db)
{
    static char buf[320];
    int rc = sqlite3_extended_errcode(db);
    int sys = sqlite3_system_errno(db);
    if (sys == 0) /* a failed COMMIT does not record it; the file does */
        sqlite3_file_control(db, "main", SQLITE_FCNTL_LAST_ERRNO, &sys);
    switch (rc & 0xff) {
    case SQLITE_READONLY:
        if (rc == SQLITE_READONLY_DIRECTORY)
            return _("the folder of the database is not writable (sqlite must create its journal file "
                     "next to the database)");
        if (rc == SQLITE_READONLY_RECOVERY || rc == SQLITE_READONLY_ROLLBACK)
            return _("the database needs recovery from its journal but is read-only");
        return _("the database is read-only (no write permission, or a read-only file system)");
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        if (sys > 0) {
            /* the system's reason says what to do: "no space left on device", "file too large" */
            const char *msg = sqlite3_errmsg(db);
            snprintf(buf, sizeof buf, "%s (%s)", msg, strerror(sys));
            char *reason = buf + strlen(msg) + 2;
            if (reason < buf + sizeof buf && *reason >= 'A' && *reason <= 'Z')
                *reason = (char)(*reason - 'A' + 'a');
            return buf;
        }
        break;
    default:
        break;
    }
    return sqlite3_errmsg(db);
}

dbk_error database_fail(sqlite3 *db, const char *path, int rc, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    diag_error(path, 0, NULL, _("%s: %s"), what, database_errmsg(db));
    dbk_error err = database_error_from(rc);
    return err == DBK_OK ? DBK_ERR_DB : err;
}

dbk_error database_exec(sqlite3 *db, const char *path, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        diag_error(path, 0, NULL, "%s", msg ? database_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return database_error_from(rc);
    }
    return DBK_OK;
}

static int query_int(sqlite3 *db, const char *sql, int *value)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *value = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Reads the schema version, application id and number of schema objects. */
static int read_schema_state(sqlite3 *db, int *version, int *app_id, int *tables)
{
    int rc = query_int(db, "PRAGMA user_version", version);
    if (rc == SQLITE_OK)
        rc = query_int(db, "PRAGMA application_id", app_id);
    if (rc == SQLITE_OK)
        rc = query_int(db, "SELECT count(*) FROM sqlite_schema", tables);
    return rc;
}

/*
 * For a database restored from `sqlite3 .dump` (which leaves out user_version and
 * application_id): the schema version its tables have, or 0 if they are not
 * durchblick's. Each migration's mark is checked, newest first.
 */
static int restored_version(sqlite3 *db)
{
    int n = 0;
    query_int(db,
              "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
              "('lieferungen', 'abweisungen', 'teilnahmen', 'angebote', 'mittel', 'laeufe', 'kennzahlen')",
              &n);
    if (n != 7)
        return 0;
    /* each migration's mark: 4 lieferungen.zuordnung, 3 kennzahlen.gesperrt_teile, 2 kennzahlen.bezug */
    query_int(db, "SELECT count(*) FROM pragma_table_info('lieferungen') WHERE name = 'zuordnung'", &n);
    if (n == 1)
        return 4;
    query_int(db, "SELECT count(*) FROM pragma_table_info('kennzahlen') WHERE name = 'gesperrt_teile'", &n);
    if (n == 1)
        return 3;
    query_int(db, "SELECT count(*) FROM pragma_table_info('kennzahlen') WHERE name = 'bezug'", &n);
    return n == 1 ? 2 : 1;
}

/*
 * Brings the schema to DATABASE_SCHEMA_VERSION. The version is read once
 * without a transaction (a current database, the usual case, needs no write
 * lock, so a read-only copy still opens); a database that needs its schema
 * made or migrated is checked again inside the write transaction that changes
 * it, so that two programs opening one new database never both create it.
 */
static dbk_error database_migrate(sqlite3 *db, const char *path)
{
    int version = 0, app_id = 0, tables = 0;
    dbk_error err;
    int rc = read_schema_state(db, &version, &app_id, &tables);
    if (rc != SQLITE_OK) {
        err = database_error_from(rc);
        if (err == DBK_ERR_DB_NOT_SQLITE || err == DBK_ERR_DB)
            diag_error(path, 0, NULL, _("not a sqlite database (%s)"), sqlite3_errmsg(db));
        else
            diag_error(path, 0, NULL, _("cannot read database: %s"), database_errmsg(db));
        return err == DBK_ERR_DB ? DBK_ERR_DB_NOT_SQLITE : err;
    }
    for (int in_tx = 0;; in_tx = 1) {
        if (version > DATABASE_SCHEMA_VERSION) {
            diag_error(path, 0, NULL,
                       _("database has schema version %d, this durchblick knows up to %d: "
                       "use a newer durchblick"),
                       version, DATABASE_SCHEMA_VERSION);
            err = DBK_ERR_DB_NEWER;
            goto fail;
        }
        if (version == DATABASE_SCHEMA_VERSION) {
            err = app_id == DATABASE_APPLICATION_ID ? DBK_OK : DBK_ERR_DB_NOT_SQLITE;
            if (err != DBK_OK)
                goto fail;
            return in_tx ? database_commit(db, path) : DBK_OK;
        }
        if (version == 0 && tables > 0 && app_id != DATABASE_APPLICATION_ID) {
            int restored = restored_version(db);
            if (restored)
                diag_error(path, 0, NULL,
                           _("it holds durchblick's tables but no schema version: restored with "
                             "`sqlite3 .dump`? A dump leaves out PRAGMA user_version and application_id; "
                             "its tables are those of version %d, so set them with: "
                             "sqlite3 %s 'PRAGMA user_version = %d; PRAGMA application_id = %d;' "
                             "(copy a database with cp or sqlite3's .backup to keep them)"),
                           restored, path, restored, DATABASE_APPLICATION_ID);
            else
                diag_error(path, 0, NULL, _("sqlite database, but not one of durchblick: refusing to change it"));
            err = DBK_ERR_DB_NOT_SQLITE;
            goto fail;
        }
        if (in_tx)
            break;
        /* A new file: bigger pages mean fewer B-tree splits for a million rows. (A
         * no-op if another program has made the schema meanwhile.) */
        if (tables == 0 && (err = database_exec(db, path, "PRAGMA page_size = 16384")) != DBK_OK)
            return err;
        if ((err = database_begin(db, path)) != DBK_OK)
            return err;
        if ((rc = read_schema_state(db, &version, &app_id, &tables)) != SQLITE_OK) {
            err = database_fail(db, path, rc, _("cannot read database"));
            goto fail;
        }
    }
    for (int v = version; v < DATABASE_SCHEMA_VERSION; v++) {
        if ((err = database_exec(db, path, migrations[v])) != DBK_OK)
            goto fail;
    }
    char pragma[96];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
             DATABASE_SCHEMA_VERSION, DATABASE_APPLICATION_ID);
    if ((err = database_exec(db, path, pragma)) != DBK_OK)
        goto fail;
    return database_commit(db, path);
fail:
    database_rollback(db);
    return err;
}

/* Opens path read-write (it must exist) with the settings every stage uses. */
static dbk_error connect_database(const char *path, sqlite3 **out)
{
    sqlite3 *db = NULL;
    *out = NULL;
    /* One connection per process and thread: no need for sqlite's mutexes. */
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        diag_error(path, 0, NULL, _("cannot open database: %s"), db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return database_error_from(rc);
    }
    sqlite3_extended_result_codes(db, 1);
    /* Another stage or an analyst's tool may hold the lock briefly. */
    sqlite3_busy_timeout(db, 5000);
    *out = db;
    return DBK_OK;
}

/*
 * Makes a new database at path, mode 0600 (sqlite would use 0644): the schema
 * is made in a temporary file of the same folder, which then gets the name
 * only if no other program has made one there meanwhile. So a database never
 * appears without its schema, and no file at path is ever deleted.
 */
static dbk_error create_database(const char *path)
{
    char *copy_dir = strdup(path), *copy_base = strdup(path);
    atomic_file f;
    sqlite3 *db = NULL;
    dbk_error err = DBK_ERR_NOMEM;
    int made = 0;
    if (!copy_dir || !copy_base) {
        diag_error(path, 0, NULL, _("out of memory"));
        goto done;
    }
    if ((err = atomic_file_open_private(&f, dirname(copy_dir), basename(copy_base))) != DBK_OK)
        goto done;
    if ((err = connect_database(f.temp_path, &db)) == DBK_OK)
        err = database_migrate(db, f.temp_path);
    sqlite3_close(db);
    if (err != DBK_OK) {
        atomic_file_abort(&f);
        goto done;
    }
    err = atomic_file_commit_new(&f, &made); /* made = 0: another program's database came first */
done:
    free(copy_dir);
    free(copy_base);
    return err;
}

dbk_error database_open(const char *path, database_open_mode mode, sqlite3 **out)
{
    sqlite3 *db = NULL;
    struct stat st;
    dbk_error err;

    *out = NULL;
    /* No allocation statistics: they take a mutex on every malloc in SQLite.
     * (Returns SQLITE_MISUSE once SQLite is initialised, which is harmless.) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (stat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            diag_error(path, 0, NULL, _("database is not a regular file"));
            return DBK_ERR_IO;
        }
    } else if (mode == DATABASE_OPEN_EXISTING) {
        diag_error(path, 0, NULL, _("database does not exist: run durchblick-ingest first"));
        return DBK_ERR_IO;
    } else if (errno != ENOENT) {
        diag_error(path, 0, NULL, _("cannot open database: %s"), strerror(errno));
        return DBK_ERR_IO;
    } else if ((err = create_database(path)) != DBK_OK) {
        return err;
    }
    if ((err = connect_database(path, &db)) != DBK_OK)
        return err;
    /* The rollback journal (SQLite's default) keeps the database one file. The
     * REFERENCES clauses document the links; enforcing them would cost a lookup
     * per loaded row, and only the stages write these columns. */
    if ((err = database_migrate(db, path)) != DBK_OK) {
        if (err == DBK_ERR_DB_NOT_SQLITE)
            diag_error(path, 0, NULL, _("refusing a file that is not a durchblick database"));
        sqlite3_close(db);
        return err;
    }
    *out = db;
    return DBK_OK;
}

void database_close(sqlite3 *db)
{
    if (db)
        sqlite3_close(db);
}

dbk_error database_begin(sqlite3 *db, const char *path)
{
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        dbk_error err = database_error_from(rc);
        if (err == DBK_ERR_DB_LOCKED)
            diag_error(path, 0, NULL, _("database is locked by another program: try again when it is done"));
        else
            diag_error(path, 0, NULL, _("cannot start a transaction: %s"), database_errmsg(db));
        return err;
    }
    return DBK_OK;
}

dbk_error database_commit(sqlite3 *db, const char *path)
{
    int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        dbk_error err = database_error_from(rc);
        diag_error(path, 0, NULL, _("cannot commit: %s"), database_errmsg(db));
        database_rollback(db);
        return err;
    }
    return DBK_OK;
}

void database_rollback(sqlite3 *db)
{
    if (!db)
        return;
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    /* After a write error (disk full, file too large) SQLite leaves the journal
     * for the next reader to play back. Read once now, so that the database
     * file is whole again on its own when the stage exits (a copy of it, or a
     * read-only viewer, then sees the data from before). */
    sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
}
