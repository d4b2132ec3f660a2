# durchblick: build, test, demo, bench, install.
# `make` builds bin/; `make check` installs missing Debian packages, builds and runs every test.

CC       ?= cc
PREFIX   ?= /usr/local
VERSION  := 0.1.0
BUILD    ?= build
BIN      ?= bin
SANITIZE ?=

PKGS     := sqlite3 gsl xlsxwriter inih nettle json-c zlib libzip libxml-2.0
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) $(SANITIZE) \
             -DDURCHBLICK_VERSION='"$(VERSION)"' -DDURCHBLICK_LOCALEDIR='"$(PREFIX)/share/locale"' \
             -Icommon -Iingest -Itransform -Ireport \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS      = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lhpdf -lglpk -lm -pthread
LDFLAGS  ?=

# One static library per folder; each stage's main.c only parses options and calls modules.
COMMON_SRC    := $(wildcard common/*.c)
INGEST_SRC    := $(filter-out ingest/main.c,$(wildcard ingest/*.c))
TRANSFORM_SRC := $(filter-out transform/main.c,$(wildcard transform/*.c))
REPORT_SRC    := $(filter-out report/main.c,$(wildcard report/*.c))
obj = $(patsubst %.c,$(BUILD)/%.o,$(1))

LIB_COMMON    := $(BUILD)/libcommon.a
LIB_INGEST    := $(BUILD)/libingest.a
LIB_TRANSFORM := $(BUILD)/libtransform.a
LIB_REPORT    := $(BUILD)/libreport.a
ALL_LIBS      := $(LIB_REPORT) $(LIB_TRANSFORM) $(LIB_INGEST) $(LIB_COMMON)

PROGRAMS := $(BIN)/durchblick-ingest $(BIN)/durchblick-transform $(BIN)/durchblick-report \
            $(BIN)/durchblick $(BIN)/durchblick-samples $(BIN)/durchblick-templates
UNIT_SRC := $(wildcard tests/unit/test_*.c)
# The German message catalogue (po/de.po), found at run time in <bin>/locale or
# PREFIX/share/locale; `make po` refreshes po/durchblick.pot and po/de.po from the sources.
MO       := $(BIN)/locale/de/LC_MESSAGES/durchblick.mo
PO_SRC    = $(sort $(wildcard common/*.c ingest/*.c transform/*.c report/*.c run/*.c samples/*.c templates/*.c))
# libFuzzer harnesses (fuzz/fuzz_NAME.c); `make fuzz` runs each for FUZZ_SECONDS.
FUZZ_TARGETS := csvreader normalize config row xlsxsheet
FUZZ_SECONDS ?= 60
FUZZ_REPLAY  := $(patsubst %,$(BUILD)/fuzz/replay_%,$(FUZZ_TARGETS))
FUZZ_FLAGS    = -DFUZZ_REPO='"$(CURDIR)"' -Ifuzz
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
# Helpers the end-to-end tests run (tests/tools/NAME.c): e.g. report_model prints a report's model.
TOOLS    := $(patsubst tests/tools/%.c,$(BUILD)/tests/%,$(wildcard tests/tools/*.c))

.PHONY: templates all deps check check-unit check-e2e check-full check-asan check-valgrind demo bench install clean samples fuzz fuzz-bins po
all: $(PROGRAMS) $(MO)

$(MO): po/de.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@ $<

# Extracts the messages marked _() and N_() and merges them into po/de.po
# (new ones untranslated: `msgattrib --untranslated po/de.po` lists them).
po:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 --add-comments=TRANSLATORS \
	  --package-name=durchblick --package-version=$(VERSION) --sort-by-file -o po/durchblick.pot $(PO_SRC)
	msgmerge --quiet --update --backup=none --no-fuzzy-matching po/de.po po/durchblick.pot

$(BUILD)/%.o: %.c $(wildcard common/*.h ingest/*.h transform/*.h report/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB_COMMON): $(call obj,$(COMMON_SRC))
$(LIB_INGEST): $(call obj,$(INGEST_SRC))
$(LIB_TRANSFORM): $(call obj,$(TRANSFORM_SRC))
$(LIB_REPORT): $(call obj,$(REPORT_SRC))
$(ALL_LIBS):
	@mkdir -p $(dir $@)
	@rm -f $@ && ar rcs $@ $^

$(BIN)/durchblick-ingest: $(BUILD)/ingest/main.o $(LIB_INGEST) $(LIB_COMMON)
$(BIN)/durchblick-transform: $(BUILD)/transform/main.o $(LIB_TRANSFORM) $(LIB_COMMON)
$(BIN)/durchblick-report: $(BUILD)/report/main.o $(LIB_REPORT) $(LIB_COMMON)
$(BIN)/durchblick: $(BUILD)/run/main.o $(LIB_TRANSFORM) $(LIB_COMMON)
$(BIN)/durchblick-samples: $(BUILD)/samples/generate.o $(LIB_COMMON)
$(BIN)/durchblick-templates: $(BUILD)/templates/generate.o $(LIB_COMMON)
$(PROGRAMS):
	@mkdir -p $(BIN)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# A unit test links the library its name says (test_ingest_*, test_transform_*,
# test_report_*), or only libcommon (test_common_*).
TEST_LINK = @echo "  LINK    $@"; $(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)
$(BUILD)/tests/test_ingest_%: tests/unit/test_ingest_%.c $(LIB_INGEST) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(TEST_LINK)
$(BUILD)/tests/test_transform_%: tests/unit/test_transform_%.c $(LIB_TRANSFORM) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(TEST_LINK)
$(BUILD)/tests/test_report_%: tests/unit/test_report_%.c $(LIB_REPORT) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(TEST_LINK)
$(BUILD)/tests/test_common_%: tests/unit/test_common_%.c $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(TEST_LINK)
$(BUILD)/tests/test_%: tests/unit/test_%.c $(ALL_LIBS)
	@mkdir -p $(dir $@)
	$(TEST_LINK)
$(BUILD)/tests/report_%: tests/tools/report_%.c $(LIB_REPORT) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(TEST_LINK)

# A harness linked with fuzz/replay.c instead of libFuzzer: runs the regression
# inputs and seeds with any compiler (check-unit, check-asan).
$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz_util.h fuzz/xlsx_build.h $(LIB_INGEST) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) $(LDFLAGS) -o $@ $< fuzz/replay.c $(LIB_INGEST) $(LIB_COMMON) $(LIBS)

# The libFuzzer build proper (clang; make fuzz sets BUILD=build-fuzz and the sanitizers).
$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_util.h fuzz/xlsx_build.h $(LIB_INGEST) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(LIB_INGEST) $(LIB_COMMON) $(LIBS)
fuzz-bins: $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_TARGETS))

# Installs the Debian packages the build, the tests or the demo lack (root or sudo).
deps:
	@sh scripts/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(FUZZ_REPLAY) $(TOOLS)
	@$(MAKE) --no-print-directory check-unit check-e2e

check-unit: $(UNIT_BIN) $(FUZZ_REPLAY)
	@sh tests/setup-csv-spectrum.sh
	@BIN=$(BIN) sh tests/run-unit.sh $(UNIT_BIN)
	@sh fuzz/replay.sh $(BUILD)/fuzz

check-e2e: all $(TOOLS)
	@BIN=$(BIN) TOOLS=$(BUILD)/tests sh tests/run-e2e.sh

# The slow runs (attacker on every data-set size, LibreOffice, many-trial races):
# not in check, but in CI (.ci/run) after it; under 30 minutes.
check-full: deps
	@$(MAKE) --no-print-directory all $(TOOLS)
	@BIN=$(BIN) TOOLS=$(BUILD)/tests sh tests/run-e2e.sh full

# AddressSanitizer and UndefinedBehaviorSanitizer over the whole suite, in its own build tree.
check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/bin CFLAGS="-O1 -g" \
	  SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  all check-unit check-e2e

# libFuzzer over each harness for FUZZ_SECONDS (default 60; the record in
# docs/reliability.md used 1800). Crashes land in build-fuzz/artifacts/.
fuzz:
	@sh scripts/install-deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz BIN=build-fuzz/bin CC=clang CFLAGS="-O1 -g" \
	  SANITIZE="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  fuzz-bins
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh fuzz/run.sh build-fuzz $(FUZZ_TARGETS)

# The end-to-end suite with every program under valgrind (memcheck, definite
# leaks); slow (about 20 minutes), so not part of check. See docs/reliability.md.
check-valgrind: deps all
	@BIN=$(BIN) sh tests/run-valgrind.sh

samples: $(BIN)/durchblick-samples
	@sh samples/make-samples.sh

# The survey templates of every shipped region (templates/<slug>/), made from the codebook.
templates: $(BIN)/durchblick-templates
	@sh templates/make-templates.sh

demo: deps all
	@sh scripts/demo.sh

bench: deps all
	@sh bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/durchblick/config \
	  $(DESTDIR)$(PREFIX)/share/locale/de/LC_MESSAGES
	install -m 0755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 config/*.ini $(DESTDIR)$(PREFIX)/share/durchblick/config/
	for d in templates/*/; do install -d $(DESTDIR)$(PREFIX)/share/durchblick/$$d && \
	  install -m 0644 $$d* $(DESTDIR)$(PREFIX)/share/durchblick/$$d; done
	install -m 0644 $(MO) $(DESTDIR)$(PREFIX)/share/locale/de/LC_MESSAGES/

clean:
	rm -rf build build-asan build-fuzz bin
