/*
 * csvreader.c - streaming CSV records with libcsv, line numbers and detection.
 *
 * libcsv pushes fields and records through callbacks and does not count lines.
 * We feed it one piece at a time, each piece ending at the next CR or LF, so
 * we know the line where every record starts and at most one record ends per
 * piece. Detection looks at the first bytes only; a file that is plain ASCII
 * there and has its first non-ASCII byte later decides its encoding then.
 */
#include "csvreader.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "interrupt.h"
#include "textfold.h"
#include "xlsxpackage.h"
#include "xlsxreader.h"

#define READ_SIZE (256 * 1024)
#define SNIFF_SIZE (64 * 1024)
#define DEFAULT_MAX_FIELD (16u * 1024 * 1024)
#define CUT_KEEP 1024          /* bytes kept of a field cut at max_field */
#define BLK_MAX (4u * 1024 * 1024) /* largest growth step of libcsv's field buffer */
#define FIFO_WAIT_MS 5000      /* how long a named pipe may wait for its writer */

typedef enum { ENC_UNDECIDED, ENC_UTF8, ENC_UTF8_BOM, ENC_CP1252, ENC_UTF16LE, ENC_UTF16BE } reader_encoding;

typedef struct done_record {
    size_t first;  /* index of its first field */
    size_t count;
    long line;
} done_record;

struct csv_reader {
    char *path;
    int fd;
    struct csv_parser parser;
    int parser_ready;

    unsigned char *raw;        /* bytes read, not yet fed */
    size_t raw_len, raw_pos;
    char *conv;                /* the raw bytes as UTF-8 */
    int eof;                   /* no more bytes come into raw */
    int file_eof;              /* read() returned 0 (of a UTF-16 file, bytes may wait in wide) */
    int finished;              /* csv_fini done */
    int failed;

    reader_encoding enc;
    char delim;
    size_t max_field;
    struct sha256_ctx sha;
    char sha_hex[65];
    unsigned long long bytes;

    long line;                 /* line of the next byte to feed */
    long record_line;          /* line where the record being parsed starts */
    int pending_cr;            /* last piece ended in CR; an LF may follow */

    char *arena;               /* fields of the records being assembled */
    size_t arena_len, arena_cap;
    size_t *offs, *lens;
    size_t n_fields, cap_fields;
    char **ptrs;
    size_t cap_ptrs;
    done_record done;
    int has_done;
    int returned;              /* a record was handed out: reset storage first */
    int nomem;
    long records;              /* records handed out */
    int cutting;               /* the field being assembled was cut at max_field */
    size_t too_long;           /* 1-based column of the first field cut in this record, 0 none */

    iconv_t utf16;             /* UTF-16 to UTF-8, (iconv_t)-1 unless the file is UTF-16 */
    unsigned char *wide;       /* UTF-16 bytes read, not yet converted */
    size_t wide_len;

    xlsx_reader *xlsx;         /* the file is a workbook: records come from there */
};

static const unsigned short cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

size_t csv_cp1252_to_utf8(const unsigned char *in, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned cp = in[i];
        if (cp < 0x80) {
            out[n++] = (char)cp;
            continue;
        }
        if (cp < 0xA0)
            cp = cp1252_high[cp - 0x80];
        if (cp < 0x800) {
            out[n++] = (char)(0xC0 | (cp >> 6));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[n++] = (char)(0xE0 | (cp >> 12));
            out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    return n;
}

char csv_detect_delimiter(const char *text, size_t len)
{
    size_t semi = 0, comma = 0, tab = 0;
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ';')
            semi++;
        else if (!quoted && c == ',')
            comma++;
        else if (!quoted && c == '\t')
            tab++;
    }
    if (semi == 0 && comma == 0 && tab == 0)
        return ',';
    if (semi >= comma && semi >= tab)
        return ';';
    return comma >= tab ? ',' : '\t';
}

/* Length of a trailing incomplete UTF-8 sequence in s[0..len), to leave it out of a check. */
static size_t utf8_incomplete_tail(const unsigned char *s, size_t len)
{
    for (size_t back = 1; back <= 3 && back <= len; back++) {
        unsigned char c = s[len - back];
        if ((c & 0xC0) == 0x80)
            continue;
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

/*
 * Decides UTF-8 or Windows-1252 from bytes whose first non-ASCII byte is at s[0]:
 * UTF-8 when at least as many non-ASCII sequences are valid UTF-8 as not. German
 * Windows-1252 text is invalid UTF-8 at nearly every umlaut, so a stray bad byte in a
 * UTF-8 export rejects its row instead of turning every umlaut of the file into mojibake.
 */
static reader_encoding decide_encoding(const unsigned char *s, size_t len)
{
    len -= utf8_incomplete_tail(s, len);
    if (len == 0)
        return ENC_UNDECIDED; /* only the start of a sequence is in: decide on more bytes */
    size_t valid = 0, invalid = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC2 ? 2 : 1;
        if (n > 1 && i + n <= len && textfold_utf8_valid((const char *)s + i, n)) {
            valid++;
            i += n;
        } else {
            invalid++;
            i++;
        }
    }
    return valid >= invalid ? ENC_UTF8 : ENC_CP1252;
}

static int arena_reserve(csv_reader *r, size_t extra)
{
    if (r->arena_len + extra + 1 <= r->arena_cap)
        return 0;
    size_t cap = r->arena_cap ? r->arena_cap : 4096;
    while (cap < r->arena_len + extra + 1)
        cap *= 2;
    char *grown = realloc(r->arena, cap);
    if (!grown)
        return -1;
    r->arena = grown;
    r->arena_cap = cap;
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    csv_reader *r = data;
    if (r->nomem)
        return;
    if (len > r->max_field || r->cutting) {
        /* Only the start of an overlong field is kept: memory stays bounded, the row is rejected. */
        if (!r->too_long)
            r->too_long = r->n_fields + 1;
        r->cutting = 0;
        if (len > CUT_KEEP)
            len = CUT_KEEP;
    }
    if (r->n_fields == r->cap_fields) {
        size_t cap = r->cap_fields ? r->cap_fields * 2 : 64;
        size_t *offs = realloc(r->offs, cap * sizeof *offs);
        if (!offs) {
            r->nomem = 1;
            return;
        }
        r->offs = offs;
        size_t *lens = realloc(r->lens, cap * sizeof *lens);
        if (!lens) {
            r->nomem = 1;
            return;
        }
        r->lens = lens;
        r->cap_fields = cap;
    }
    if (arena_reserve(r, len) != 0) {
        r->nomem = 1;
        return;
    }
    if (len)
        memcpy(r->arena + r->arena_len, s, len);
    r->offs[r->n_fields] = r->arena_len;
    r->lens[r->n_fields] = len;
    r->arena_len += len;
    r->arena[r->arena_len++] = '\0';
    r->n_fields++;
}

static void on_record(int c, void *data)
{
    csv_reader *r = data;
    (void)c;
    r->done.first = 0;
    r->done.count = r->n_fields;
    r->done.line = r->record_line;
    r->has_done = 1;
}

/*
 * Waits until fd has bytes (or its end) or a signal asks to stop: a pipe whose
 * writer stalls must not hold up Ctrl-C. Returns 0, or -1 when interrupted.
 */
static int wait_readable(int fd)
{
    struct pollfd pfd[2] = {{fd, POLLIN, 0}, {interrupt_fd(), POLLIN, 0}};
    if (pfd[1].fd < 0)
        return 0;
    while (!interrupt_pending()) {
        if (poll(pfd, 2, -1) >= 0 && pfd[0].revents)
            return 0;
    }
    return -1;
}

/*
 * Reads up to cap bytes of the file into dst and hashes them; returns bytes
 * read, 0 at the end, -1 on error (reported) or a signal (not reported).
 */
static ssize_t read_file(csv_reader *r, unsigned char *dst, size_t cap)
{
    ssize_t got;
    do {
        if (wait_readable(r->fd) != 0)
            return -1;
        got = read(r->fd, dst, cap);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        diag_error(r->path, r->line, NULL, _("read error: %s"), strerror(errno));
        return -1;
    }
    if (got == 0)
        r->eof = r->file_eof = 1;
    sha256_update(&r->sha, (size_t)got, dst);
    r->bytes += (unsigned long long)got;
    return got;
}

/*
 * Converts the UTF-16 bytes read so far into UTF-8 at dst (room bytes, at
 * least 4); returns the bytes written. Every 2 bytes give at most 3, so
 * 2 * room / 3 bytes fit. A code unit that is no character (a lone surrogate,
 * an odd last byte) becomes the byte 0xFF: invalid UTF-8, its row is rejected
 * as for any bad byte in a UTF-8 file.
 */
static size_t utf16_convert(csv_reader *r, unsigned char *dst, size_t room)
{
    char *in = (char *)r->wide, *out = (char *)dst;
    size_t in_left = r->wide_len < room / 3 * 2 ? r->wide_len : room / 3 * 2, out_left = room;
    in_left &= ~(size_t)1;
    size_t taken = in_left;
    while (in_left > 0 && out_left > 0) {
        if (iconv(r->utf16, &in, &in_left, &out, &out_left) != (size_t)-1)
            break;
        if (errno == EILSEQ || (errno == EINVAL && r->file_eof && in_left <= 2)) {
            *out++ = (char)0xFF;
            out_left--;
            in += 2;
            in_left = in_left > 2 ? in_left - 2 : 0;
        } else {
            break; /* EINVAL: half a surrogate pair, completed by the next read; E2BIG: next time */
        }
    }
    taken -= in_left;
    if (r->file_eof && r->wide_len - taken == 1 && out_left > 0) { /* an odd byte at the very end */
        *out++ = (char)0xFF;
        taken++;
    }
    memmove(r->wide, r->wide + taken, r->wide_len - taken);
    r->wide_len -= taken;
    return (size_t)(out - (char *)dst);
}

/* Reads more raw bytes (UTF-8 already for a UTF-16 file); returns bytes added, 0 at the end, -1 on error (reported). */
static ssize_t reader_fill(csv_reader *r)
{
    if (r->raw_pos > 0) {
        memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
        r->raw_len -= r->raw_pos;
        r->raw_pos = 0;
    }
    size_t room = READ_SIZE - r->raw_len;
    if (r->utf16 == (iconv_t)-1) {
        ssize_t got = read_file(r, r->raw + r->raw_len, room);
        if (got > 0)
            r->raw_len += (size_t)got;
        return got;
    }
    if (room < 4)
        return 0; /* a full buffer: the caller feeds it first */
    size_t made = 0;
    while (made == 0) {
        size_t want = room / 3 * 2;
        if (want > READ_SIZE)
            want = READ_SIZE;
        if (!r->file_eof && r->wide_len < want) {
            ssize_t got = read_file(r, r->wide + r->wide_len, want - r->wide_len);
            if (got < 0)
                return -1;
            r->wide_len += (size_t)got;
        }
        size_t before = r->wide_len;
        if (before > 0)
            made = utf16_convert(r, r->raw + r->raw_len, room);
        if (made == 0 && r->wide_len == before && r->file_eof)
            break;
    }
    r->raw_len += made;
    r->eof = r->file_eof && r->wide_len == 0;
    return (ssize_t)made;
}

/* Feeds one piece of raw bytes, converted to UTF-8 where needed, to libcsv. */
static int reader_feed(csv_reader *r, const unsigned char *piece, size_t len)
{
    const char *text = (const char *)piece;
    if (r->enc == ENC_UNDECIDED) {
        for (size_t i = 0; i < len; i++) {
            if (piece[i] >= 0x80) {
                size_t avail = r->raw_len - (size_t)(piece + i - r->raw);
                r->enc = decide_encoding(piece + i, avail);
                if (r->enc == ENC_UNDECIDED && r->eof)
                    r->enc = ENC_CP1252; /* a lone lead byte at the end is no UTF-8 */
                break;
            }
        }
    }
    if (r->enc == ENC_CP1252) {
        len = csv_cp1252_to_utf8(piece, len, r->conv);
        text = r->conv;
    }
    if (r->parser.pstate == 0 && r->n_fields == 0)
        r->record_line = r->line;
    /* libcsv grows its field buffer by blk_size bytes (128): let the step grow with the
     * buffer, or a 16 MiB field takes 100,000 reallocs, quadratic where realloc copies. */
    size_t blk = r->parser.entry_size < BLK_MAX ? r->parser.entry_size : BLK_MAX;
    if (blk > 128)
        csv_set_blk_size(&r->parser, blk);
    if (csv_parse(&r->parser, text, len, on_field, on_record, r) != len) {
        diag_error(r->path, r->line, NULL, _("cannot parse: %s"), csv_strerror(csv_error(&r->parser)));
        return -1;
    }
    if (r->nomem) {
        diag_error(r->path, r->record_line, NULL, _("out of memory"));
        return -1;
    }
    /* entry_pos: bytes of the field being assembled (libcsv's buffer grows in steps).
     * Past max_field it is cut back to its start (spaces: trailing blanks libcsv would
     * drop, cleared with it), so a 30 MB field costs no more memory than max_field. */
    if (r->parser.entry_pos > r->max_field) {
        if (!r->too_long)
            r->too_long = r->n_fields + 1;
        r->cutting = 1;
        r->parser.entry_pos = r->max_field < CUT_KEEP ? r->max_field : CUT_KEEP;
        r->parser.spaces = 0;
    }
    if (r->too_long && r->records == 0) {
        diag_error(r->path, r->record_line, NULL,
                   _("a field of the header line is longer than %zu bytes: not a survey export "
                     "(unterminated quote?)"),
                   r->max_field);
        return -1;
    }
    if (r->n_fields > 100000) {
        diag_error(r->path, r->record_line, NULL, _("more than 100000 fields in one record"));
        return -1;
    }
    return 0;
}

/* Feeds the next piece (up to and including one CR or LF). Returns 1 fed, 0 nothing left, -1 error. */
static int reader_step(csv_reader *r)
{
    if (r->raw_pos == r->raw_len || (r->pending_cr && r->raw_pos == r->raw_len)) {
        if (r->eof)
            return 0;
        ssize_t got = reader_fill(r);
        if (got < 0)
            return -1;
        if (got == 0 && r->raw_pos == r->raw_len)
            return 0;
    }
    unsigned char *start = r->raw + r->raw_pos;
    size_t avail = r->raw_len - r->raw_pos;
    if (r->pending_cr) {
        r->pending_cr = 0;
        if (start[0] != '\n')
            r->line++; /* a lone CR ended a line */
    }
    size_t n = 0;
    while (n < avail && start[n] != '\n' && start[n] != '\r')
        n++;
    if (n == avail && !r->eof && r->raw_pos > 0) {
        /* No line end in the buffer: move the rest to the front and read more first,
         * so a line (and an encoding decision) is not cut at a buffer edge. */
        if (reader_fill(r) < 0)
            return -1;
        start = r->raw + r->raw_pos;
        avail = r->raw_len - r->raw_pos;
        n = 0;
        while (n < avail && start[n] != '\n' && start[n] != '\r')
            n++;
    }
    int term = n < avail;
    if (term)
        n++;
    if (reader_feed(r, start, n) != 0)
        return -1;
    r->raw_pos += n;
    if (term) {
        if (start[n - 1] == '\n') {
            r->line++;
        } else {
            /* CR: a following LF belongs to the same line break. */
            if (r->raw_pos == r->raw_len && !r->eof) {
                if (reader_fill(r) < 0)
                    return -1;
            }
            if (r->raw_pos < r->raw_len && r->raw[r->raw_pos] == '\n') {
                if (reader_feed(r, r->raw + r->raw_pos, 1) != 0)
                    return -1;
                r->raw_pos++;
                r->line++;
            } else {
                r->line++;
            }
        }
    }
    return 1;
}

/*
 * A named pipe is read like standard input once a program writes to it. It was opened
 * with O_NONBLOCK, so that open() does not hang; read() then tells the cases apart:
 * bytes, EAGAIN (a writer, nothing written yet) or 0 (no writer yet). Waits up to
 * FIFO_WAIT_MS for a writer, keeps bytes read in raw, and makes reads blocking again.
 * Returns 0, or -1 after reporting a pipe that no program opened for writing.
 */
static int fifo_wait_writer(csv_reader *r)
{
    for (int waited = 0;; waited += 100) {
        if (interrupt_pending())
            return -1;
        ssize_t got = read(r->fd, r->raw, READ_SIZE);
        if (got > 0) {
            sha256_update(&r->sha, (size_t)got, r->raw);
            r->raw_len = (size_t)got;
            r->bytes = (unsigned long long)got;
            break;
        }
        if (got < 0 && errno == EAGAIN)
            break;
        if (got < 0 && errno != EINTR) {
            diag_error(r->path, 0, NULL, _("read error: %s"), strerror(errno));
            return -1;
        }
        if (got == 0) {
            if (waited >= FIFO_WAIT_MS) {
                diag_error(r->path, 0, NULL,
                           _("named pipe (FIFO) that no program writes to: nothing to read (waited %d s)"),
                           FIFO_WAIT_MS / 1000);
                return -1;
            }
            struct pollfd pfd = {r->fd, POLLIN, 0};
            if (poll(&pfd, 1, 100) > 0 && (pfd.revents & POLLHUP) && !(pfd.revents & POLLIN))
                break; /* a writer came and went without a byte: an empty file */
        }
    }
    fcntl(r->fd, F_SETFL, fcntl(r->fd, F_GETFL) & ~O_NONBLOCK);
    return 0;
}

/*
 * ASCII text in UTF-16 without a byte order mark: NUL at every other byte of
 * the first bytes. Only to say so when refusing the file.
 */
static int looks_utf16(const unsigned char *s, size_t len)
{
    size_t pairs = len < 64 ? len / 2 : 32, zero_hi = 0, zero_lo = 0;
    for (size_t i = 0; i < pairs; i++) {
        zero_hi += s[2 * i + 1] == 0 && s[2 * i] != 0;
        zero_lo += s[2 * i] == 0 && s[2 * i + 1] != 0;
    }
    return pairs >= 4 && (zero_hi == pairs || zero_lo == pairs);
}

static void sha_finish(csv_reader *r)
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&r->sha, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(r->sha_hex + 2 * i, 3, "%02x", digest[i]);
}

/*
 * The file is a zip package: hashes all of it (the batch's SHA-256 is of the
 * .xlsx bytes), copies it to a temporary file first if it cannot seek (standard
 * input, a pipe), and opens it as a workbook.
 */
static dbk_error open_workbook(csv_reader *r, const csv_reader_options *opt)
{
    struct stat st;
    int seekable = fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode);
    int fd = seekable ? dup(r->fd) : xlsx_temp_file();
    if (fd < 0) {
        diag_error(r->path, 0, NULL,
                   seekable ? _("cannot open: %s") : _("cannot copy the workbook to %s: %s"),
                   seekable ? strerror(errno) : xlsx_temp_dir(), strerror(errno));
        return DBK_ERR_IO;
    }
    size_t len = r->raw_len; /* bytes read, not yet copied */
    for (;;) {
        if (!seekable && xlsx_write_all(fd, r->raw, len) != 0) {
            diag_error(r->path, 0, NULL, _("cannot copy the workbook to %s: %s"), xlsx_temp_dir(),
                       strerror(errno));
            close(fd);
            return DBK_ERR_IO;
        }
        if (r->eof)
            break;
        ssize_t got = read_file(r, r->raw, READ_SIZE);
        if (got < 0) {
            close(fd);
            return DBK_ERR_IO;
        }
        len = (size_t)got;
    }
    r->raw_len = 0;
    sha_finish(r);
    xlsx_reader_options xo = {opt ? opt->sheet : NULL, r->max_field, CUT_KEEP, 0};
    return xlsx_reader_open(r->path, fd, &xo, &r->xlsx);
}

dbk_error csv_reader_open(const char *path, const csv_reader_options *opt, csv_reader **out)
{
    csv_reader *r = NULL;
    struct stat st;
    dbk_error err = DBK_ERR_NOMEM;

    *out = NULL;
    r = calloc(1, sizeof *r);
    if (!r)
        goto fail;
    r->fd = -1;
    r->utf16 = (iconv_t)-1;
    if (!(r->path = strdup(path)))
        goto fail;
    if (strcmp(path, "-") == 0) {
        r->fd = dup(STDIN_FILENO);
    } else {
        /* O_NONBLOCK only so that opening a FIFO does not hang (see fifo_wait_writer) */
        r->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    }
    if (r->fd < 0) {
        diag_error(path, 0, NULL, _("cannot open: %s"), strerror(errno));
        err = DBK_ERR_IO;
        goto fail;
    }
    int stdin_ = strcmp(path, "-") == 0, have_st = fstat(r->fd, &st) == 0;
    int fifo = !stdin_ && have_st && S_ISFIFO(st.st_mode);
    if (!stdin_ && !fifo)
        fcntl(r->fd, F_SETFL, fcntl(r->fd, F_GETFL) & ~O_NONBLOCK);
    if (have_st && S_ISDIR(st.st_mode)) {
        diag_error(path, 0, NULL, _("is a directory, not a csv file"));
        err = DBK_ERR_IO;
        goto fail;
    }
    r->raw = malloc(READ_SIZE);
    if (!r->raw)
        goto fail;
    r->max_field = opt && opt->max_field ? opt->max_field : DEFAULT_MAX_FIELD;
    r->line = 1;
    sha256_init(&r->sha);
    if (fifo && fifo_wait_writer(r) != 0) {
        err = interrupt_pending() ? DBK_ERR_INTERRUPTED : DBK_ERR_IO;
        goto fail;
    }

    /* The first bytes say what the file is: a workbook, an old Office file, UTF-16 text. */
    while (!r->eof && r->raw_len < 8) {
        if (reader_fill(r) < 0) {
            err = DBK_ERR_IO;
            goto fail;
        }
    }
    switch (xlsx_sniff(r->raw, r->raw_len)) {
    case XLSX_SNIFF_OLE:
        xlsx_refuse_ole(path, r->fd);
        err = DBK_ERR_NOT_CSV;
        goto fail;
    case XLSX_SNIFF_ZIP:
        if ((err = open_workbook(r, opt)) != DBK_OK)
            goto fail;
        *out = r;
        return DBK_OK;
    default:
        break;
    }
    if (!(r->conv = malloc(READ_SIZE * 3))) /* Windows-1252 to UTF-8: text files only */
        goto fail;
    if (r->raw_len >= 2 && ((r->raw[0] == 0xFF && r->raw[1] == 0xFE) || (r->raw[0] == 0xFE && r->raw[1] == 0xFF))) {
        /* Excel's "Unicode-Text": UTF-16 with a byte order mark, converted as it streams in. */
        int le = r->raw[0] == 0xFF;
        r->enc = le ? ENC_UTF16LE : ENC_UTF16BE;
        if ((r->utf16 = iconv_open("UTF-8", le ? "UTF-16LE" : "UTF-16BE")) == (iconv_t)-1 ||
            !(r->wide = malloc(READ_SIZE)))
            goto fail;
        memcpy(r->wide, r->raw + 2, r->raw_len - 2);
        r->wide_len = r->raw_len - 2;
        r->raw_len = 0;
        if (reader_fill(r) < 0) {
            err = DBK_ERR_IO;
            goto fail;
        }
    }

    /* Sniff: read until the first line is complete or SNIFF_SIZE bytes are in. */
    while (!r->eof && r->raw_len < SNIFF_SIZE) {
        if (reader_fill(r) < 0) {
            err = interrupt_pending() ? DBK_ERR_INTERRUPTED : DBK_ERR_IO;
            goto fail;
        }
    }
    if (r->raw_len == 0) {
        diag_error(path, 0, NULL, _("empty file: no header line"));
        err = DBK_ERR_NOT_CSV;
        goto fail;
    }
    /* A NUL byte in the header line (within 4 KiB): xlsx, UTF-16 and the like. A NUL
     * later in the file is a damaged field, and only its row is rejected. */
    size_t scan = r->raw_len < 4096 ? r->raw_len : 4096, at = 0;
    while (at < scan && (r->raw[at] == '\r' || r->raw[at] == '\n'))
        at++;
    while (at < scan && r->raw[at] != '\r' && r->raw[at] != '\n' && r->raw[at] != '\0')
        at++;
    if (at < scan && r->raw[at] == '\0') {
        if (r->utf16 == (iconv_t)-1 && looks_utf16(r->raw, scan))
            diag_error(path, 0, NULL,
                       _("UTF-16 text without a byte order mark: durchblick cannot tell its byte "
                         "order; save it as \"Unicode Text\" or \"CSV UTF-8\" in Excel"));
        else
            diag_error(path, 0, NULL, _("binary file (a NUL byte in the header line), not a csv export"));
        err = DBK_ERR_NOT_CSV;
        goto fail;
    }
    if (r->utf16 != (iconv_t)-1) {
        /* decided by the byte order mark */
    } else if (r->raw_len >= 3 && memcmp(r->raw, "\xEF\xBB\xBF", 3) == 0) {
        r->enc = ENC_UTF8_BOM;
        r->raw_pos = 3;
    } else if (opt && opt->encoding == ENCODING_UTF8) {
        r->enc = ENC_UTF8;
    } else if (opt && opt->encoding == ENCODING_CP1252) {
        r->enc = ENC_CP1252;
    } else {
        r->enc = ENC_UNDECIDED;
        for (size_t i = 0; i < r->raw_len; i++) {
            if (r->raw[i] >= 0x80) {
                r->enc = decide_encoding(r->raw + i, r->raw_len - i);
                break;
            }
        }
    }

    /* Excel's hint line "sep=;" names the delimiter and is no record. */
    const unsigned char *p = r->raw + r->raw_pos;
    size_t left = r->raw_len - r->raw_pos;
    r->delim = opt ? opt->delimiter : 0;
    if (left >= 5 && strncasecmp((const char *)p, "sep=", 4) == 0 &&
        (left == 5 || p[5] == '\r' || p[5] == '\n')) {
        if (p[4] != ';' && p[4] != ',' && p[4] != '\t') {
            /* Excel takes any character; a quote or a letter as delimiter is no export of ours. */
            diag_error(path, 1, NULL,
                       _("'sep=' names a delimiter durchblick does not read: use ';', ',' or tab"));
            err = DBK_ERR_NOT_CSV;
            goto fail;
        }
        if (!r->delim)
            r->delim = (char)p[4];
        size_t skip = 5;
        if (skip < left && p[skip] == '\r')
            skip++;
        if (skip < left && p[skip] == '\n')
            skip++;
        r->raw_pos += skip;
        r->line++;
    }
    if (!r->delim)
        r->delim = csv_detect_delimiter((const char *)r->raw + r->raw_pos, r->raw_len - r->raw_pos);

    if (csv_init(&r->parser, CSV_APPEND_NULL) != 0)
        goto fail;
    r->parser_ready = 1;
    csv_set_delim(&r->parser, (unsigned char)r->delim);
    *out = r;
    return DBK_OK;
fail:
    if (err == DBK_ERR_NOMEM)
        diag_error(path, 0, NULL, _("out of memory"));
    csv_reader_free(r);
    return err;
}

int csv_reader_next(csv_reader *r, csv_record *rec)
{
    if (r->xlsx)
        return xlsx_reader_next(r->xlsx, rec);
    if (r->failed)
        return -1;
    if (r->returned) {
        r->returned = 0;
        r->n_fields = 0;
        r->arena_len = 0;
        r->too_long = 0;
    }
    while (!r->has_done) {
        if (r->finished)
            return 0;
        int fed = reader_step(r);
        if (fed < 0) {
            r->failed = 1;
            return -1;
        }
        if (fed == 0) {
            /* End of input: a last record without a line break, or an open quote. */
            if (r->parser.pstate == 0 && r->n_fields == 0) {
                r->finished = 1;
            } else {
                long start = r->record_line;
                /* libcsv state 2 = FIELD_BEGUN: inside a quote that never closed. */
                int quoted = r->parser.quoted && r->parser.pstate == 2;
                csv_fini(&r->parser, on_field, on_record, r);
                r->finished = 1;
                if (quoted) {
                    diag_error(r->path, start, NULL,
                               _("quote opened here is never closed: the rest of the file is one field"));
                    r->has_done = 0;
                    r->failed = 1;
                    return -1;
                }
            }
            if (r->finished && !r->has_done) {
                sha_finish(r);
                return 0;
            }
        }
    }
    if (r->cap_ptrs < r->done.count) {
        char **ptrs = realloc(r->ptrs, (r->done.count + 1) * sizeof *ptrs);
        if (!ptrs) {
            diag_error(r->path, r->done.line, NULL, _("out of memory"));
            r->failed = 1;
            return -1;
        }
        r->ptrs = ptrs;
        r->cap_ptrs = r->done.count + 1;
    }
    for (size_t i = 0; i < r->done.count; i++)
        r->ptrs[i] = r->arena + r->offs[r->done.first + i];
    rec->fields = r->ptrs;
    rec->lens = r->lens + r->done.first;
    rec->n_fields = r->done.count;
    rec->line = r->done.line;
    r->has_done = 0;
    r->returned = 1;
    /* The open-time check sees the first line; the header is the first record that is not
     * blank (found by fuzz_csvreader: "\t\n\0..." slipped past it). */
    for (size_t i = 0; r->records == 0 && i < rec->n_fields; i++) {
        if (memchr(rec->fields[i], '\0', rec->lens[i])) {
            diag_error(r->path, rec->line, NULL,
                       _("binary file (a NUL byte in the header line), not a csv export"));
            r->failed = 1;
            return -1;
        }
    }
    r->records++;
    if (r->too_long)
        diag_warn(r->path, rec->line, NULL,
                  _("field %zu is longer than %zu bytes (unterminated quote?): only its first %d bytes "
                    "are kept, the row is rejected"),
                  r->too_long, r->max_field, CUT_KEEP);
    if (r->finished && !r->sha_hex[0])
        sha_finish(r);
    return 1;
}

const char *csv_reader_encoding(const csv_reader *r)
{
    if (r->xlsx)
        return "xlsx";
    switch (r->enc) {
    case ENC_UTF8_BOM:
        return "utf-8-bom";
    case ENC_CP1252:
        return "windows-1252";
    case ENC_UTF16LE:
        return "utf-16le";
    case ENC_UTF16BE:
        return "utf-16be";
    default:
        return "utf-8";
    }
}

char csv_reader_delimiter(const csv_reader *r) { return r->xlsx ? 0 : r->delim; }
unsigned long long csv_reader_bytes(const csv_reader *r) { return r->xlsx ? xlsx_reader_bytes(r->xlsx) : r->bytes; }
long csv_reader_lines(const csv_reader *r) { return r->xlsx ? xlsx_reader_row(r->xlsx) : r->line; }
const char *csv_reader_sha256(const csv_reader *r) { return r->sha_hex; }
const char *csv_reader_path(const csv_reader *r) { return r->path; }
const char *csv_reader_name(const csv_reader *r) { return r->xlsx ? xlsx_reader_name(r->xlsx) : r->path; }
size_t csv_reader_too_long(const csv_reader *r) { return r->xlsx ? xlsx_reader_too_long(r->xlsx) : r->too_long; }
size_t csv_reader_error_cells(const csv_reader *r) { return r->xlsx ? xlsx_reader_error_cells(r->xlsx) : 0; }
int csv_reader_cell_error(const csv_reader *r, size_t col) { return r->xlsx && xlsx_reader_cell_error(r->xlsx, col); }

dbk_error csv_reader_open_header(const char *path, const csv_reader_options *opt, csv_reader **out,
                                 csv_record *header)
{
    dbk_error err = csv_reader_open(path, opt, out);
    if (err != DBK_OK)
        return err;
    int got = csv_reader_next(*out, header);
    if (got > 0)
        return DBK_OK;
    if (got == 0)
        diag_error(path, 0, NULL, _("no header line: the file holds no csv records"));
    csv_reader_free(*out);
    *out = NULL;
    return got == 0 ? DBK_ERR_NOT_CSV : DBK_ERR_IO;
}

void csv_reader_free(csv_reader *r)
{
    if (!r)
        return;
    if (r->parser_ready)
        csv_free(&r->parser);
    xlsx_reader_free(r->xlsx);
    if (r->utf16 != (iconv_t)-1)
        iconv_close(r->utf16);
    free(r->wide);
    if (r->fd >= 0)
        close(r->fd);
    free(r->path);
    free(r->raw);
    free(r->conv);
    free(r->arena);
    free(r->offs);
    free(r->lens);
    free(r->ptrs);
    free(r);
}
