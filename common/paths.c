/*
 * paths.c - the same file under two names; inputs that can be read.
 */
#include "paths.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"

/* Writes the absolute path of p into out (PATH_MAX): its folder resolved, its name as given. */
static int absolute_path(const char *p, char *out)
{
    char *d = strdup(p), *b = strdup(p), dir[PATH_MAX];
    int ok = d && b && realpath(dirname(d), dir) &&
             (size_t)snprintf(out, PATH_MAX, "%s/%s", dir, basename(b)) < PATH_MAX;
    free(d);
    free(b);
    return ok ? 0 : -1;
}

int path_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    char pa[PATH_MAX], pb[PATH_MAX];
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    return absolute_path(a, pa) == 0 && absolute_path(b, pb) == 0 && strcmp(pa, pb) == 0;
}

size_t paths_check_inputs(char *const *paths, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        const char *p = paths[i];
        if (strcmp(p, "-") == 0)
            continue;
        if (stat(p, &st) != 0) {
            diag_error(p, 0, NULL, _("cannot read: %s"), strerror(errno));
            bad++;
        } else if (S_ISDIR(st.st_mode)) {
            diag_error(p, 0, NULL, _("is a directory, not a csv file"));
            bad++;
        } else if (access(p, R_OK) != 0) {
            diag_error(p, 0, NULL, _("cannot read: %s"), strerror(errno));
            bad++;
        }
    }
    return bad;
}

int path_parent_is_folder(const char *path, char *parent, size_t cap)
{
    struct stat st;
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(parent, cap, ".");
    else if (slash == path)
        snprintf(parent, cap, "/");
    else
        snprintf(parent, cap, "%.*s", (int)(slash - path), path);
    return stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
}

int path_exe_dir(char *dir, size_t cap)
{
    if (cap < 2)
        return -1;
    ssize_t n = readlink("/proc/self/exe", dir, cap - 1);
    if (n <= 0)
        return -1;
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return 0;
}
