/*
 * textfold.c - keys for matching, trimming and UTF-8 validation.
 */
#include "textfold.h"

#include <string.h>

/* The folding of the two-byte UTF-8 letters U+00C0..U+00FF (Latin-1 Supplement). */
static const char *latin1_fold(unsigned cp)
{
    static const char *const table[64] = {
        /* C0 */ "a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        /* D0 */ "d", "n", "o", "o", "o", "o", "oe", "", "oe", "u", "u", "u", "ue", "y", "th", "ss",
        /* E0 */ "a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        /* F0 */ "d", "n", "o", "o", "o", "o", "oe", "", "oe", "u", "u", "u", "ue", "y", "th", "y",
    };
    if (cp >= 0xC0 && cp <= 0xFF)
        return table[cp - 0xC0];
    return "";
}

size_t textfold_key(const char *in, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        const char *rep = NULL;
        char one[2] = {0, 0};
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                one[0] = (char)(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                one[0] = (char)c;
            rep = one;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < len) {
            unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)in[i + 1] & 0x3Fu);
            rep = latin1_fold(cp);
            i += 1;
        } else {
            /* Other scripts and symbols do not take part in keys. */
            while (i + 1 < len && ((unsigned char)in[i + 1] & 0xC0) == 0x80)
                i++;
            rep = "";
        }
        for (; *rep && n + 1 < cap; rep++)
            out[n++] = *rep;
    }
    out[n] = '\0';
    return n;
}

int textfold_is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

size_t textfold_trim(char **s, size_t len)
{
    char *p = *s;
    for (;;) {
        if (len > 0 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n')) {
            p++;
            len--;
        } else if (len > 1 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p += 2;
            len -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r' ||
                        p[len - 1] == '\n'))
            len--;
        else if (len > 1 && (unsigned char)p[len - 2] == 0xC2 && (unsigned char)p[len - 1] == 0xA0)
            len -= 2;
        else
            break;
    }
    *s = p;
    return len;
}

int textfold_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + need >= len)
            return 0;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        i += need + 1;
    }
    return 1;
}
