/*
 * i18n.h - terminal messages and --help in German or English (GNU gettext).
 *
 * The source's messages are English; po/de.po holds their German text, which
 * the Makefile compiles to <bin>/locale/de/LC_MESSAGES/durchblick.mo (and
 * `make install` to PREFIX/share/locale). German is used when
 *   - LANGUAGE is set: its first language is German (it alone decides, as
 *     gettext's own override; tests pin the language with it), or else
 *   - the locale (LC_ALL, LC_MESSAGES or LANG, the first one set) is German,
 *     or the config's [report] language is de (i18n_config_language).
 * English otherwise. The data (reasons in table abweisungen, reports in their
 * own language) are not affected.
 */
#ifndef DURCHBLICK_I18N_H
#define DURCHBLICK_I18N_H

/* Marks a message for translation and translates it. */
#define _(msgid) i18n_text(msgid)
/* Marks a message for translation where it is defined (translated where used with _()). */
#define N_(msgid) msgid

/* Marks and translates a message with a singular and a plural form, chosen by n. */
#define P_(singular, plural, n) i18n_plural(singular, plural, n)

/* Decides the language from the environment and finds the catalogue; call first in main. */
void i18n_init(void);

/* Uses German from now on if lang (the config's [report] language) is "de" and LANGUAGE does not decide. */
void i18n_config_language(const char *lang);

/* 1 if messages are German. */
int i18n_german(void);

/* The German text of msgid when German is in use and the catalogue has it, else msgid. */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));

/* The singular or plural (n != 1) of a message, translated when German is in use. */
const char *i18n_plural(const char *singular, const char *plural, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

#endif
