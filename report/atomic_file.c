/*
 * atomic_file.c - temporary file, fsync, rename.
 */
#include "atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

/* The temporary file being written, for atomic_file_cleanup_on_signal. */
static char pending[4096];

/*
 * Removes dir/.name.XXXXXX files that a killed run left behind (kill -9, power
 * loss: no handler runs). A writer holds an flock on its temporary file for its
 * whole life, so a file whose lock can be taken belongs to nobody any more.
 */
static void sweep_stale(const char *dir, const char *name)
{
    size_t len = strlen(name);
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (n[0] != '.' || strlen(n) != len + 8 || strncmp(n + 1, name, len) != 0 || n[len + 1] != '.')
            continue;
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, n) >= sizeof path)
            continue;
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        if (fd < 0)
            continue;
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0)
            unlink(path);
        close(fd);
    }
    closedir(d);
}

dbk_error atomic_file_open(atomic_file *f, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 16;
    memset(f, 0, sizeof *f);
    f->fd = -1;
    f->final_path = malloc(n);
    f->temp_path = malloc(n);
    if (!f->final_path || !f->temp_path) {
        atomic_file_abort(f);
        diag_error(dir, 0, NULL, "out of memory");
        return DBK_ERR_NOMEM;
    }
    snprintf(f->final_path, n, "%s/%s", dir, name);
    snprintf(f->temp_path, n, "%s/.%s.XXXXXX", dir, name);
    sweep_stale(dir, name);
    f->fd = mkstemp(f->temp_path);
    if (f->fd < 0) {
        diag_error(f->final_path, 0, NULL, "cannot create file in %s: %s", dir, strerror(errno));
        free(f->final_path);
        free(f->temp_path);
        memset(f, 0, sizeof *f);
        f->fd = -1;
        return DBK_ERR_IO;
    }
    /* ours while we live (see sweep_stale) */
    flock(f->fd, LOCK_EX | LOCK_NB);
    /* readable like any report, not 0600 as mkstemp makes it */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(f->fd, 0666 & ~mask);
    snprintf(pending, sizeof pending, "%s", f->temp_path);
    return DBK_OK;
}

dbk_error atomic_file_commit(atomic_file *f)
{
    dbk_error err = DBK_OK;
    if (fsync(f->fd) != 0 || close(f->fd) != 0) {
        diag_error(f->final_path, 0, NULL, "cannot write: %s", strerror(errno));
        f->fd = -1;
        atomic_file_abort(f);
        return DBK_ERR_IO;
    }
    f->fd = -1;
    if (rename(f->temp_path, f->final_path) != 0) {
        diag_error(f->final_path, 0, NULL, "cannot rename %s into place: %s", f->temp_path, strerror(errno));
        atomic_file_abort(f);
        return DBK_ERR_IO;
    }
    pending[0] = '\0';
    /* make the rename itself durable */
    char *dir = strdup(f->final_path);
    if (dir) {
        int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    free(f->final_path);
    free(f->temp_path);
    memset(f, 0, sizeof *f);
    f->fd = -1;
    return err;
}

void atomic_file_abort(atomic_file *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->temp_path)
        unlink(f->temp_path);
    pending[0] = '\0';
    free(f->final_path);
    free(f->temp_path);
    memset(f, 0, sizeof *f);
    f->fd = -1;
}

void atomic_file_cleanup_on_signal(void)
{
    if (pending[0])
        unlink(pending);
}
