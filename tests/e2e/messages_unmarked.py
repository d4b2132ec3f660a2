#!/usr/bin/python3
"""Lists terminal messages that are not marked for translation.

Usage: messages_unmarked.py FILE.c...

A message is unmarked when the format argument of a diag_error, diag_warn or
diag_info call (or of one of the printf-style helpers below that print through
them) holds a string literal outside _() and P_(). Calls may span lines;
comments and character constants are skipped. A literal without a letter
outside its conversions ("%s", "%s: %s") is no message of its own. Prints "file:line: call: format"
for each one and exits 1 if there is any.
"""
import re
import sys

# Function name -> index of its format argument (0-based).
CALLS = {
    "diag_error": 3,
    "diag_warn": 3,
    "diag_info": 0,
    "database_fail": 3,       # common/database.c: "prog: path: <what>: <sqlite>"
    "options_usage_error": 0,  # common/options.c: usage errors
    "fail": 1,                 # common/config.c: a config line's error
    "fail_at": 2,              # common/config.c: a config error after reading
    "cell_fail": 2,            # ingest/xlsxreader.c: a cell's error
}

# Messages left in English on purpose: (file, start of the literal). Keep short.
EXCEPTIONS = set()

CALL_RE = re.compile(r"\b(" + "|".join(CALLS) + r")\s*\(")
MARK_RE = re.compile(r"\b(?:_|P_)\s*\(")


def strip_comments(src):
    """src with comments blanked (line breaks kept); strings and chars intact."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_args(src, start):
    """The arguments of the call whose '(' is at start, as (text, offset) pairs."""
    args, depth, i, begin = [], 0, start, start + 1
    while i < len(src):
        c = src[i]
        if c in "\"'":
            j = i + 1
            while j < len(src) and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((src[begin:i], begin))
                return args
        elif c == "," and depth == 1:
            args.append((src[begin:i], begin))
            begin = i + 1
        i += 1
    return args


def remove_marked(text):
    """text with every _(...) and P_(...) (and the literals in them) removed."""
    while True:
        m = MARK_RE.search(text)
        if not m:
            return text
        args = split_args(text, m.end() - 1)
        end = m.end() - 1 + sum(len(a) + 1 for a, _ in args) + 1
        text = text[:m.start()] + text[end:]


CONVERSION_RE = re.compile(r"%[-+ #0'*]*[0-9*]*(?:\.[0-9*]*)?(?:hh|h|ll|l|j|z|t|L)?[diouxXeEfFgGaAcspn%]")


def literals(text):
    """The string literals of text that hold a letter outside their conversions."""
    found = re.findall(r'"(?:[^"\\]|\\.)*"', text)
    return [s for s in found if re.search(r"[A-Za-z]", CONVERSION_RE.sub("", s[1:-1]))]


def scan(path):
    src = strip_comments(open(path, encoding="utf-8").read())
    found = []
    for m in CALL_RE.finditer(src):
        name = m.group(1)
        # a definition or declaration, not a call: a type name right before it
        before = src[:m.start()].rstrip()
        if re.search(r"\b(?:void|int|dbk_error|static)\s*\**$", before):
            continue
        args = split_args(src, m.end() - 1)
        k = CALLS[name]
        if len(args) <= k:
            continue
        fmt, off = args[k]
        rest = literals(remove_marked(fmt))
        if not rest:
            continue
        if (path, rest[0]) in EXCEPTIONS:
            continue
        line = src.count("\n", 0, off) + 1
        found.append("%s:%d: %s: %s" % (path, line, name, " ".join(fmt.split())))
    return found


def main():
    found = []
    for path in sys.argv[1:]:
        found += scan(path)
    for f in found:
        print(f)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
