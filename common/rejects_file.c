/*
 * rejects_file.c - checking and atomically writing the --rejects CSV.
 */
#include "rejects_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "paths.h"
#include "i18n.h"

/* 1 if the file at path starts with the header line of a rejects file. */
static int is_rejects_file(const char *path)
{
    char line[64];
    size_t want = strlen(REJECTS_FILE_HEADER);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, line, want + 1);
    close(fd);
    if (n < (ssize_t)want - 1)
        return 0;
    /* "\n" or, if a spreadsheet saved it again, "\r\n" */
    return memcmp(line, REJECTS_FILE_HEADER, want - 1) == 0 &&
           (line[want - 1] == '\n' || (n > (ssize_t)want - 1 && line[want - 1] == '\r' && line[want] == '\n'));
}

dbk_error rejects_file_check(const char *path, const char *db_path, const char *config_path,
                             char *const *inputs, size_t n)
{
    struct stat st;
    if (!*path) {
        diag_error(NULL, 0, NULL, _("--rejects needs a file name"));
        return DBK_ERR_USAGE;
    }
    if (db_path && path_same_file(path, db_path)) {
        diag_error(path, 0, NULL, _("--rejects names the database: choose another file name for the rejected rows"));
        return DBK_ERR_USAGE;
    }
    if (config_path && path_same_file(path, config_path)) {
        diag_error(path, 0, NULL, _("--rejects names the config: choose another file name for the rejected rows"));
        return DBK_ERR_USAGE;
    }
    for (size_t i = 0; i < n; i++) {
        if (path_same_file(path, inputs[i])) {
            diag_error(path, 0, NULL,
                       _("--rejects names a file to load: choose another file name for the rejected rows "
                       "(did you forget the name after --rejects?)"));
            return DBK_ERR_USAGE;
        }
    }
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            return DBK_OK;
        diag_error(path, 0, NULL, _("cannot use as the rejects file: %s"), strerror(errno));
        return DBK_ERR_USAGE;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_error(path, 0, NULL, _("--rejects names something that is not a file: give a file name such as rejects.csv"));
        return DBK_ERR_USAGE;
    }
    if (st.st_size > 0 && !is_rejects_file(path)) {
        diag_error(path, 0, NULL,
                   _("exists and is not a rejects file of durchblick (its first line is not '%.*s'): "
                   "refusing to overwrite it; choose another name or delete the file "
                   "(did you forget the name after --rejects?)"),
                   (int)strlen(REJECTS_FILE_HEADER) - 1, REJECTS_FILE_HEADER);
        return DBK_ERR_USAGE;
    }
    return DBK_OK;
}

dbk_error rejects_file_open(rejects_file *rf, const char *path)
{
    char *d = strdup(path), *b = strdup(path);
    dbk_error err = DBK_ERR_NOMEM;
    memset(rf, 0, sizeof *rf);
    rf->temp.fd = -1;
    if (!d || !b || !(rf->path = strdup(path))) {
        diag_error(path, 0, NULL, _("out of memory"));
        goto done;
    }
    /* 0600 like the database: it holds the same raw values of rejected rows. */
    if ((err = atomic_file_open_private(&rf->temp, dirname(d), basename(b))) != DBK_OK) {
        diag_error(path, 0, NULL, _("cannot write the rejects file"));
        err = DBK_ERR_IO;
        goto done;
    }
    int fd = dup(rf->temp.fd);
    if (fd < 0 || !(rf->out = fdopen(fd, "w"))) {
        if (fd >= 0)
            close(fd);
        diag_error(path, 0, NULL, _("cannot write the rejects file: %s"), strerror(errno));
        atomic_file_abort(&rf->temp);
        err = DBK_ERR_IO;
        goto done;
    }
    fputs(REJECTS_FILE_HEADER, rf->out);
    err = DBK_OK;
done:
    if (err != DBK_OK) {
        free(rf->path);
        rf->path = NULL;
    }
    free(d);
    free(b);
    return err;
}

dbk_error rejects_file_finish(rejects_file *rf, int keep)
{
    dbk_error err = DBK_OK;
    if (!rf->out)
        return DBK_OK;
    /* A write that failed on the way (disk full) leaves only the error flag. */
    errno = 0;
    int bad = fflush(rf->out) != 0 || ferror(rf->out);
    int why = errno;
    if (fclose(rf->out) != 0 && !bad) {
        bad = 1;
        why = errno;
    }
    rf->out = NULL;
    if (bad || !keep) {
        atomic_file_abort(&rf->temp);
    } else if (atomic_file_commit(&rf->temp) != DBK_OK) {
        bad = 1;
        why = 0;
    }
    if (bad && keep) {
        diag_error(rf->path, 0, NULL,
                   _("cannot write the rejects file%s%s: not written, an earlier one stays as it was "
                   "(the rejected rows are in table abweisungen)"),
                   why ? ": " : "", why ? strerror(why) : "");
        err = DBK_ERR_IO;
    }
    free(rf->path);
    rf->path = NULL;
    return err;
}
