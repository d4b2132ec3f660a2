/*
 * test_ingest_xlsxvalue.c - cell values of a workbook (xlsxvalue.h): the cell
 * reference parser, serial dates in the 1900 system (with Excel's fictitious
 * 1900-02-29) and the 1904 system, number text at Excel's precision, number
 * format classification and the _xHHHH_ escapes.
 *
 * Expected dates are Excel's own (DATE(2023;1;1) is 44927, in the 1904 system
 * 43465; DATE(1900;2;28) is 59, DATE(1900;3;1) is 61).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "xlsxvalue.h"

static void assert_ref(const char *s, long col, long row)
{
    long c = -7, r = -7;
    assert_int_equal(xlsx_ref_parse(s, strlen(s), &c, &r), 0);
    assert_int_equal(c, col);
    assert_int_equal(r, row);
}

static void assert_no_ref(const char *s)
{
    long c, r;
    assert_int_equal(xlsx_ref_parse(s, strlen(s), &c, &r), -1);
}

static void test_cell_references(void **state)
{
    (void)state;
    assert_ref("A1", 0, 1);
    assert_ref("C5", 2, 5);
    assert_ref("Z9", 25, 9);
    assert_ref("AA10", 26, 10);
    assert_ref("AZ1", 51, 1);
    assert_ref("BA1", 52, 1);
    assert_ref("XFD1048576", 16383, 1048576);
    assert_ref("c5", 2, 5);
    assert_no_ref("");
    assert_no_ref("A");        /* no row */
    assert_no_ref("5");        /* no column */
    assert_no_ref("A0");
    assert_no_ref("A05");      /* leading zero */
    assert_no_ref("XFE1");     /* column 16385 */
    assert_no_ref("AAAA1");
    assert_no_ref("A1048577"); /* past Excel's last row */
    assert_no_ref("A1 ");
    assert_no_ref("$A$1");
    assert_no_ref("A-1");
    assert_no_ref("A99999999999");
}

static void test_column_names_round_trip(void **state)
{
    (void)state;
    char name[4];
    xlsx_col_name(0, name);
    assert_string_equal(name, "A");
    xlsx_col_name(25, name);
    assert_string_equal(name, "Z");
    xlsx_col_name(26, name);
    assert_string_equal(name, "AA");
    xlsx_col_name(16383, name);
    assert_string_equal(name, "XFD");
    for (long c = 0; c < XLSX_MAX_COLS; c++) {
        char ref[16];
        long col, row;
        xlsx_col_name(c, name);
        strcpy(ref, name);
        strcat(ref, "7");
        assert_int_equal(xlsx_ref_parse(ref, strlen(ref), &col, &row), 0);
        assert_int_equal(col, c);
        assert_int_equal(row, 7);
    }
}

static void assert_serial(double serial, int date1904, int want_r, int y, int m, int d, long secs)
{
    int gy = 0, gm = 0, gd = 0;
    long gs = -1;
    assert_int_equal(xlsx_serial_to_date(serial, date1904, &gy, &gm, &gd, &gs), want_r);
    assert_int_equal(gy, y);
    assert_int_equal(gm, m);
    assert_int_equal(gd, d);
    assert_int_equal(gs, secs);
}

static void test_serial_dates_1900(void **state)
{
    (void)state;
    assert_serial(1, 0, 0, 1900, 1, 1, 0);
    assert_serial(31, 0, 0, 1900, 1, 31, 0);
    assert_serial(59, 0, 0, 1900, 2, 28, 0);
    assert_serial(60, 0, 1, 1900, 2, 29, 0);  /* Excel's fictitious day */
    assert_serial(61, 0, 0, 1900, 3, 1, 0);
    assert_serial(0, 0, 1, 1900, 1, 0, 0);    /* shown as 1900-01-00 */
    assert_serial(366, 0, 0, 1900, 12, 31, 0);
    assert_serial(367, 0, 0, 1901, 1, 1, 0);
    assert_serial(36526, 0, 0, 2000, 1, 1, 0);
    assert_serial(36585, 0, 0, 2000, 2, 29, 0); /* a real leap day */
    assert_serial(44926, 0, 0, 2022, 12, 31, 0);
    assert_serial(44927, 0, 0, 2023, 1, 1, 0);
    assert_serial(44927.5, 0, 0, 2023, 1, 1, 43200);
    assert_serial(44927.75, 0, 0, 2023, 1, 1, 64800);
    assert_serial(44927.999999999, 0, 0, 2023, 1, 2, 0); /* rounds to the next midnight */
    assert_serial(2958465, 0, 0, 9999, 12, 31, 0);
    int y, m, d;
    long s;
    assert_int_equal(xlsx_serial_to_date(2958466, 0, &y, &m, &d, &s), -1);
    assert_int_equal(xlsx_serial_to_date(-1, 0, &y, &m, &d, &s), -1);
    assert_int_equal(xlsx_serial_to_date(-0.5, 0, &y, &m, &d, &s), -1);
    assert_int_equal(xlsx_serial_to_date(0.0 / 0.0, 0, &y, &m, &d, &s), -1);
}

static void test_serial_dates_1904(void **state)
{
    (void)state;
    assert_serial(0, 1, 0, 1904, 1, 1, 0);
    assert_serial(1, 1, 0, 1904, 1, 2, 0);
    assert_serial(59, 1, 0, 1904, 2, 29, 0); /* 1904 is a leap year, no fiction here */
    assert_serial(60, 1, 0, 1904, 3, 1, 0);
    assert_serial(43464, 1, 0, 2022, 12, 31, 0);
    assert_serial(43465, 1, 0, 2023, 1, 1, 0);
    assert_serial(43465.25, 1, 0, 2023, 1, 1, 21600);
    /* the same day in both systems is 1462 days apart */
    for (double s1904 = 0; s1904 < 60000; s1904 += 97) {
        int y1, m1, d1, y2, m2, d2;
        long t1, t2;
        assert_int_equal(xlsx_serial_to_date(s1904, 1, &y1, &m1, &d1, &t1), 0);
        assert_int_equal(xlsx_serial_to_date(s1904 + 1462, 0, &y2, &m2, &d2, &t2), 0);
        assert_int_equal(y1, y2);
        assert_int_equal(m1, m2);
        assert_int_equal(d1, d2);
    }
}

static void assert_serial_text(const char *v, int date1904, int show, const char *want)
{
    char out[XLSX_TEXT_MAX];
    xlsx_format fmt = {(unsigned char)show, 0};
    int n = xlsx_serial_text(v, strlen(v), date1904, fmt, out, sizeof out);
    assert_true(n >= 0);
    assert_string_equal(out, want);
    assert_int_equal((size_t)n, strlen(want));
}

static void test_serial_text(void **state)
{
    (void)state;
    assert_serial_text("44927", 0, XLSX_SHOW_DATE, "2023-01-01");
    assert_serial_text("44927.75", 0, XLSX_SHOW_DATE, "2023-01-01");
    assert_serial_text("44927.75", 0, XLSX_SHOW_DATETIME, "2023-01-01 18:00:00");
    assert_serial_text("43465", 1, XLSX_SHOW_DATE, "2023-01-01");
    assert_serial_text("4.3465E4", 1, XLSX_SHOW_DATE, "2023-01-01");
    assert_serial_text("0.5", 0, XLSX_SHOW_TIME, "12:00:00");
    assert_serial_text("0.000011574", 0, XLSX_SHOW_TIME, "00:00:01");
    assert_serial_text("1.5", 0, XLSX_SHOW_DURATION, "36:00:00");
    assert_serial_text("36526", 0, XLSX_SHOW_YEAR, "2000");
    assert_serial_text("59", 0, XLSX_SHOW_DATE, "1900-02-28");
    assert_serial_text("60", 0, XLSX_SHOW_DATE, "1900-02-29");
    assert_serial_text("61", 0, XLSX_SHOW_DATE, "1900-03-01");
    assert_serial_text("3000000", 0, XLSX_SHOW_DATE, "3000000"); /* past 9999-12-31: the number */
    assert_serial_text("-1", 0, XLSX_SHOW_DATE, "-1");
    char out[XLSX_TEXT_MAX];
    assert_int_equal(xlsx_serial_text("x", 1, 0, (xlsx_format){XLSX_SHOW_DATE, 0}, out, sizeof out), -1);
}

static void assert_number(const char *v, int pad, const char *want)
{
    char out[XLSX_TEXT_MAX];
    xlsx_format fmt = {XLSX_SHOW_NUMBER, (unsigned char)pad};
    int n = xlsx_number_text(v, strlen(v), fmt, out, sizeof out);
    assert_true(n >= 0);
    assert_string_equal(out, want);
    assert_int_equal((size_t)n, strlen(want));
}

static void assert_not_number(const char *v)
{
    char out[XLSX_TEXT_MAX];
    assert_int_equal(xlsx_number_text(v, strlen(v), (xlsx_format){0, 0}, out, sizeof out), -1);
}

static void test_number_text(void **state)
{
    (void)state;
    assert_number("1234.5", 0, "1234,5");   /* money: the CSV's "1.234,50" */
    assert_number("1234.50", 0, "1234,5");
    assert_number("224200", 0, "224200");
    assert_number("175099.92", 0, "175099,92");
    assert_number("12.0", 0, "12");
    assert_number("2000", 0, "2000");
    assert_number("0", 0, "0");
    assert_number("-0", 0, "0");
    assert_number("-0.0", 0, "0");
    assert_number("-12.25", 0, "-12,25");
    assert_number("+7", 0, "7");
    assert_number(".5", 0, "0,5");
    assert_number("5.", 0, "5");
    assert_number("1E-3", 0, "0,001");
    assert_number("1.5E3", 0, "1500");
    assert_number("1.5e+3", 0, "1500");
    assert_number("12345E-2", 0, "123,45");
    assert_number("0.30000000000000004", 0, "0,3");     /* 0.1+0.2: Excel shows 0.3 */
    assert_number("1234.4000000000001", 0, "1234,4");  /* =1543*0.8 */
    assert_number("12.345", 0, "12,345");              /* never read as 12345 */
    assert_number("0.1234567890123456", 0, "0,123456789012346");
    assert_number("123456789012345678", 0, "123456789012346000");
    assert_number("9.9999999999999999", 0, "10");
    assert_number("999999999999999.5", 0, "1000000000000000");
    assert_number(" 42 ", 0, "42");
    assert_number("00042", 0, "42");
    assert_number("42", 5, "00042");                   /* format "00000" */
    assert_number("123456", 5, "123456");
    assert_number("0", 3, "000");
    assert_number("42.5", 5, "42,5");
    assert_number("-5", 3, "-5");
    assert_not_number("");
    assert_not_number("-");
    assert_not_number(".");
    assert_not_number("abc");
    assert_not_number("1e");
    assert_not_number("1.2.3");
    assert_not_number("1,5");
    assert_not_number("1E400");
    assert_not_number("NaN");
    assert_not_number("INF");
    char small[4];
    assert_int_equal(xlsx_number_text("12345", 5, (xlsx_format){0, 0}, small, sizeof small), -1);
}

static void assert_format(const char *code, int show, int pad)
{
    xlsx_format f = xlsx_format_classify(code);
    if (f.show != show || f.pad != pad)
        fail_msg("format '%s': show %d pad %d, expected show %d pad %d", code, f.show, f.pad, show, pad);
}

static void test_format_classify(void **state)
{
    (void)state;
    assert_format("General", XLSX_SHOW_NUMBER, 0);
    assert_format("GENERAL", XLSX_SHOW_NUMBER, 0);
    assert_format("@", XLSX_SHOW_NUMBER, 0);
    assert_format("0.00", XLSX_SHOW_NUMBER, 0);
    assert_format("#,##0.00\\ \"€\"", XLSX_SHOW_NUMBER, 0);
    assert_format("#,##0.00\\ [$€-407]", XLSX_SHOW_NUMBER, 0);
    assert_format("_-* #,##0.00\\ \"€\"_-;\\-* #,##0.00\\ \"€\"_-;_-* \"-\"??\\ \"€\"_-;_-@_-", XLSX_SHOW_NUMBER, 0);
    assert_format("0.00E+00", XLSX_SHOW_NUMBER, 0);
    assert_format("##0.0E-0", XLSX_SHOW_NUMBER, 0);
    assert_format("[Red]0.00", XLSX_SHOW_NUMBER, 0);
    assert_format("0%", XLSX_SHOW_NUMBER, 0);
    assert_format("\"Summe: \"0", XLSX_SHOW_NUMBER, 0);
    assert_format("00000", XLSX_SHOW_NUMBER, 5);
    assert_format("0", XLSX_SHOW_NUMBER, 1);
    assert_format("dd.mm.yyyy", XLSX_SHOW_DATE, 0);
    assert_format("DD.MM.YYYY", XLSX_SHOW_DATE, 0);
    assert_format("[$-407]DD.MM.YYYY", XLSX_SHOW_DATE, 0);
    assert_format("m/d/yyyy", XLSX_SHOW_DATE, 0);
    assert_format("yyyy\\-mm\\-dd", XLSX_SHOW_DATE, 0);
    assert_format("d-mmm-yy", XLSX_SHOW_DATE, 0);
    assert_format("mmm yyyy", XLSX_SHOW_DATE, 0);
    assert_format("mmmm", XLSX_SHOW_DATE, 0);
    assert_format("\"Datum: \"dd.mm.yyyy", XLSX_SHOW_DATE, 0);
    assert_format("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", XLSX_SHOW_DATE, 0);
    assert_format("yyyy", XLSX_SHOW_YEAR, 0);
    assert_format("yyyy-mm-dd hh:mm:ss", XLSX_SHOW_DATETIME, 0);
    assert_format("dd.mm.yyyy hh:mm", XLSX_SHOW_DATETIME, 0);
    assert_format("m/d/yy h:mm AM/PM", XLSX_SHOW_DATETIME, 0);
    assert_format("hh:mm", XLSX_SHOW_TIME, 0);
    assert_format("h:mm:ss AM/PM", XLSX_SHOW_TIME, 0);
    assert_format("mm:ss", XLSX_SHOW_TIME, 0);
    assert_format("[h]:mm:ss", XLSX_SHOW_DURATION, 0);
    assert_format("[mm]:ss", XLSX_SHOW_DURATION, 0);
    assert_format("dd.mm.yyyy;@", XLSX_SHOW_DATE, 0);
    assert_format("", XLSX_SHOW_NUMBER, 0);
}

static void test_format_builtin(void **state)
{
    (void)state;
    int dates[] = {14, 15, 16, 17, 27, 30, 31, 36, 50, 57, 58};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        assert_int_equal(xlsx_format_builtin((unsigned long)dates[i]).show, XLSX_SHOW_DATE);
    assert_int_equal(xlsx_format_builtin(22).show, XLSX_SHOW_DATETIME);
    int times[] = {18, 19, 20, 21, 45, 47};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++)
        assert_int_equal(xlsx_format_builtin((unsigned long)times[i]).show, XLSX_SHOW_TIME);
    assert_int_equal(xlsx_format_builtin(46).show, XLSX_SHOW_DURATION);
    int numbers[] = {0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 44, 48, 49, 59, 163, 164, 100000};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        xlsx_format f = xlsx_format_builtin((unsigned long)numbers[i]);
        assert_int_equal(f.show, XLSX_SHOW_NUMBER);
        assert_int_equal(f.pad, 0);
    }
}

static void assert_unescape(const char *in, const char *want)
{
    char buf[128];
    size_t len = strlen(in);
    memcpy(buf, in, len);
    len = xlsx_unescape(buf, len);
    buf[len] = '\0';
    assert_string_equal(buf, want);
}

static void test_unescape(void **state)
{
    (void)state;
    assert_unescape("a_x000D_b", "a\rb");
    assert_unescape("_x000D__x000A_", "\r\n");
    assert_unescape("_x005F_x000D_", "_x000D_"); /* an escaped literal "_x000D_" */
    assert_unescape("_x00e4_", "\xc3\xa4");
    assert_unescape("_x20AC_", "\xe2\x82\xac");
    assert_unescape("_x0000_", "_x0000_");
    assert_unescape("_xD800_", "_xD800_");
    assert_unescape("_x41_", "_x41_");
    assert_unescape("_x004G_", "_x004G_");
    assert_unescape("plain_text_", "plain_text_");
    assert_unescape("_x0041", "_x0041");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_references),
        cmocka_unit_test(test_column_names_round_trip),
        cmocka_unit_test(test_serial_dates_1900),
        cmocka_unit_test(test_serial_dates_1904),
        cmocka_unit_test(test_serial_text),
        cmocka_unit_test(test_number_text),
        cmocka_unit_test(test_format_classify),
        cmocka_unit_test(test_format_builtin),
        cmocka_unit_test(test_unescape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
