/*
 * i18n.c - choosing the language and binding the catalogue.
 */
#include "i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"

#define DOMAIN "durchblick"
#ifndef DURCHBLICK_LOCALEDIR
#define DURCHBLICK_LOCALEDIR "/usr/local/share/locale"
#endif

static int german;
static int pinned; /* LANGUAGE decided */

/* 1 if a locale or language name is German: "de", "de_DE.UTF-8", "de_AT", "de:en". */
static int is_german(const char *v)
{
    return v && v[0] == 'd' && v[1] == 'e' && strchr("_.@:", v[2] ? v[2] : '_') != NULL;
}

/* The folder holding de/LC_MESSAGES/durchblick.mo: next to the program, installed, or built in. */
static int find_catalogue(char *dir, size_t cap)
{
    char exe[PATH_MAX], mo[PATH_MAX + 64];
    struct stat st;
    const char *candidates[3] = {"%s/locale", "%s/../share/locale", NULL};
    if (path_exe_dir(exe, sizeof exe) == 0) {
        for (int i = 0; candidates[i]; i++) {
            snprintf(dir, cap, candidates[i], exe);
            snprintf(mo, sizeof mo, "%s/de/LC_MESSAGES/" DOMAIN ".mo", dir);
            if (stat(mo, &st) == 0)
                return 0;
        }
    }
    snprintf(dir, cap, "%s", DURCHBLICK_LOCALEDIR);
    snprintf(mo, sizeof mo, "%s/de/LC_MESSAGES/" DOMAIN ".mo", dir);
    return stat(mo, &st) == 0 ? 0 : -1;
}

/* Makes gettext read the German catalogue whatever the locale, with UTF-8 text. */
static void activate(void)
{
    char dir[PATH_MAX];
    if (find_catalogue(dir, sizeof dir) != 0) {
        german = 0; /* no catalogue: the messages stay English */
        return;
    }
    /* gettext ignores LANGUAGE under the "C" locale; C.UTF-8 is built into glibc. Only
     * LC_MESSAGES changes: numbers and character classes stay as they were. */
    if (!setlocale(LC_MESSAGES, "C.UTF-8") && !setlocale(LC_MESSAGES, "C.utf8"))
        setlocale(LC_MESSAGES, "");
    setenv("LANGUAGE", "de", 1); /* also for the stages durchblick run starts */
    bindtextdomain(DOMAIN, dir);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
}

void i18n_init(void)
{
    const char *language = getenv("LANGUAGE");
    if (language && *language) {
        pinned = 1;
        german = is_german(language);
    } else {
        const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
        for (int i = 0; i < 3; i++) {
            const char *v = getenv(names[i]);
            if (v && *v) {
                german = is_german(v);
                break;
            }
        }
    }
    if (german)
        activate();
}

void i18n_config_language(const char *lang)
{
    if (!pinned && !german && lang && strcmp(lang, "de") == 0) {
        german = 1;
        activate();
    }
}

int i18n_german(void) { return german; }

const char *i18n_text(const char *msgid) { return german ? dgettext(DOMAIN, msgid) : msgid; }

const char *i18n_plural(const char *singular, const char *plural, unsigned long n)
{
    return german ? dngettext(DOMAIN, singular, plural, n) : n == 1 ? singular : plural;
}
