/*
 * textfold.h - the matching key of a header, a code or a word.
 *
 * data.md: codes and words match ignoring case and surrounding spaces, and
 * municipalities ignoring ae/oe/ue/ss = ä/ö/ü/ß. We go one step further for
 * keys: only letters and digits count, so "Fall-ID", "fall_id" and "Fall ID"
 * are one key, and "§ 60a AufenthG" and "§60a AufenthG" too.
 */
#ifndef DURCHBLICK_TEXTFOLD_H
#define DURCHBLICK_TEXTFOLD_H

#include <stddef.h>

/*
 * Writes the key of the UTF-8 text in[0..len) into out (capacity cap, always
 * NUL-terminated): lower case ASCII letters and digits, ä/ö/ü/ß as ae/oe/ue/ss,
 * common accented Latin letters without accent, everything else dropped.
 * Returns the key's length; a key longer than cap - 1 is cut.
 */
size_t textfold_key(const char *in, size_t len, char *out, size_t cap);

/* Returns 1 if s[0..len) holds only spaces, tabs and line breaks (or len == 0). */
int textfold_is_blank(const char *s, size_t len);

/* Trims ASCII white space and non-breaking spaces at both ends in place; returns the new length. */
size_t textfold_trim(char **s, size_t len);

/* Returns 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int textfold_utf8_valid(const char *s, size_t len);

#endif
