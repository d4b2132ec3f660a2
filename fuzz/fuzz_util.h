/*
 * fuzz_util.h - what the libFuzzer harnesses share: handing the input to code
 * that wants a path, and keeping diagnostics off the terminal.
 */
#ifndef DURCHBLICK_FUZZ_UTIL_H
#define DURCHBLICK_FUZZ_UTIL_H

#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"
#include "country.h"
#include "diag.h"

/* libFuzzer's entry points, defined by each harness (fuzz/replay.c calls them too). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Writes data[0..size) to an anonymous in-memory file and puts its path
 * ("/proc/self/fd/N") into path. Returns the descriptor, which the caller
 * closes; aborts if the kernel refuses (a harness fault, not a finding).
 */
static inline int fuzz_memfile(const uint8_t *data, size_t size, char path[64])
{
    int fd = memfd_create("fuzz-input", 0);
    if (fd < 0)
        abort();
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            abort();
        done += (size_t)n;
    }
    if (lseek(fd, 0, SEEK_SET) != 0)
        abort();
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

/* Sends diagnostics to /dev/null so that libFuzzer's own report stays readable. */
static inline void fuzz_quiet_diagnostics(void)
{
    static FILE *devnull;
    if (!devnull)
        devnull = fopen("/dev/null", "w");
    diag_set_stream(devnull);
    diag_set_quiet(1);
}

/*
 * Loads the shipped Kreis Herford config and the country table into *cfg and
 * *countries (kept for the whole run); aborts if either fails, a harness fault.
 */
static inline void fuzz_load_region(config **cfg, country_table **countries)
{
    if (config_load(FUZZ_REPO "/config/kreis-herford.ini", cfg) != DBK_OK)
        abort();
    *countries = country_table_load();
    if (!*countries)
        abort();
}

/* Defines LLVMFuzzerInitialize for a harness that only needs quiet diagnostics. */
#define FUZZ_QUIET_INITIALIZE                           \
    int LLVMFuzzerInitialize(int *argc, char ***argv) \
    {                                                   \
        (void)argc;                                     \
        (void)argv;                                     \
        fuzz_quiet_diagnostics();                       \
        return 0;                                       \
    }

/* Aborts with a message: libFuzzer counts an abort as a crash and saves the input. */
#define FUZZ_ASSERT(cond)                                                              \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

#endif
