/*
 * paths.h - checks on the paths a command is given, before it changes anything.
 */
#ifndef DURCHBLICK_PATHS_H
#define DURCHBLICK_PATHS_H

#include <stddef.h>

/*
 * Returns 1 if a and b name the same file: the same inode for existing
 * files, else the same absolute path (symbolic links in the folders resolved).
 */
int path_same_file(const char *a, const char *b);

/*
 * Checks that each of the n files can be read as an input: it exists, is not
 * a folder, and may be read ("-" is standard input). Prints "prog: path:
 * message" for each that cannot and returns how many could not.
 */
size_t paths_check_inputs(char *const *paths, size_t n);

/*
 * Writes the folder path lies in ("." for a bare name) into parent (cap
 * bytes) and returns 1 if it exists and is a folder, else 0.
 */
int path_parent_is_folder(const char *path, char *parent, size_t cap);

/* Writes the folder of the running program (from /proc/self/exe) into dir; 0, or -1 if unknown. */
int path_exe_dir(char *dir, size_t cap);

#endif
