/*
 * atomic_file.c - temporary file, fsync, rename.
 */
#define _GNU_SOURCE /* renameat2, RENAME_NOREPLACE */
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
#include "i18n.h"

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
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0) {
            unlink(path);
            /* a database made under the temporary name may have left its journal */
            char journal[4096 + 16];
            snprintf(journal, sizeof journal, "%s-journal", path);
            unlink(journal);
        }
        close(fd);
    }
    closedir(d);
}

static dbk_error open_temp(atomic_file *f, const char *dir, const char *name, int private_mode)
{
    size_t n = strlen(dir) + strlen(name) + 16;
    memset(f, 0, sizeof *f);
    f->fd = -1;
    f->final_path = malloc(n);
    f->temp_path = malloc(n);
    if (!f->final_path || !f->temp_path) {
        atomic_file_abort(f);
        diag_error(dir, 0, NULL, _("out of memory"));
        return DBK_ERR_NOMEM;
    }
    snprintf(f->final_path, n, "%s/%s", dir, name);
    sweep_stale(dir, name);
    for (int tries = 0;; tries++) {
        snprintf(f->temp_path, n, "%s/.%s.XXXXXX", dir, name);
        f->fd = mkstemp(f->temp_path);
        if (f->fd < 0)
            break;
        /* Ours while we live (see sweep_stale). Another program's sweep may have
         * taken the file between mkstemp and flock: then its name is gone, try again. */
        struct stat mine, there;
        if (flock(f->fd, LOCK_EX | LOCK_NB) == 0 && fstat(f->fd, &mine) == 0 &&
            stat(f->temp_path, &there) == 0 && mine.st_ino == there.st_ino && mine.st_dev == there.st_dev)
            break;
        close(f->fd);
        f->fd = -1;
        if (tries == 100) {
            errno = EAGAIN;
            break;
        }
    }
    if (f->fd < 0) {
        diag_error(f->final_path, 0, NULL, _("cannot create file in %s: %s"), dir, strerror(errno));
        free(f->final_path);
        free(f->temp_path);
        memset(f, 0, sizeof *f);
        f->fd = -1;
        return DBK_ERR_IO;
    }
    if (!private_mode) {
        /* readable like any report, not 0600 as mkstemp makes it */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(f->fd, 0666 & ~mask);
    }
    snprintf(pending, sizeof pending, "%s", f->temp_path);
    return DBK_OK;
}

dbk_error atomic_file_open(atomic_file *f, const char *dir, const char *name)
{
    return open_temp(f, dir, name, 0);
}

dbk_error atomic_file_open_private(atomic_file *f, const char *dir, const char *name)
{
    return open_temp(f, dir, name, 1);
}

/* Makes the last change to the folder of path durable. */
static void sync_dir_of(const char *path)
{
    char *dir = strdup(path);
    if (dir) {
        int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
}

/* Releases what f holds after the temporary file is gone or renamed. */
static void release(atomic_file *f)
{
    pending[0] = '\0';
    free(f->final_path);
    free(f->temp_path);
    memset(f, 0, sizeof *f);
    f->fd = -1;
}

dbk_error atomic_file_commit_new(atomic_file *f, int *made)
{
    *made = 0;
    if (fsync(f->fd) != 0) {
        diag_error(f->final_path, 0, NULL, _("cannot write: %s"), strerror(errno));
        atomic_file_abort(f);
        return DBK_ERR_IO;
    }
    /* link() fails with EEXIST instead of replacing; where the file system has no
     * hard links, renameat2(RENAME_NOREPLACE) does the same. The fd (and its flock)
     * is kept until the temporary name is gone, so no sweep takes the file. */
    int rc = link(f->temp_path, f->final_path);
    if (rc != 0 && errno != EEXIST) {
        rc = renameat2(AT_FDCWD, f->temp_path, AT_FDCWD, f->final_path, RENAME_NOREPLACE);
        if (rc == 0) {
            *made = 1;
            close(f->fd);
            sync_dir_of(f->final_path);
            release(f);
            return DBK_OK;
        }
    }
    if (rc != 0 && errno != EEXIST) {
        diag_error(f->final_path, 0, NULL, _("cannot put %s into place: %s"), f->temp_path, strerror(errno));
        atomic_file_abort(f);
        return DBK_ERR_IO;
    }
    *made = rc == 0;
    unlink(f->temp_path);
    close(f->fd);
    sync_dir_of(f->final_path);
    release(f);
    return DBK_OK;
}

dbk_error atomic_file_commit(atomic_file *f)
{
    dbk_error err = DBK_OK;
    if (fsync(f->fd) != 0 || close(f->fd) != 0) {
        diag_error(f->final_path, 0, NULL, _("cannot write: %s"), strerror(errno));
        f->fd = -1;
        atomic_file_abort(f);
        return DBK_ERR_IO;
    }
    f->fd = -1;
    if (rename(f->temp_path, f->final_path) != 0) {
        diag_error(f->final_path, 0, NULL, _("cannot rename %s into place: %s"), f->temp_path, strerror(errno));
        atomic_file_abort(f);
        return DBK_ERR_IO;
    }
    pending[0] = '\0';
    sync_dir_of(f->final_path); /* make the rename itself durable */
    release(f);
    return err;
}

void atomic_file_abort(atomic_file *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->temp_path)
        unlink(f->temp_path);
    release(f);
}

void atomic_file_cleanup_on_signal(void)
{
    if (pending[0])
        unlink(pending);
}
