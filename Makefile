# svreport: plain GNU make build.
#
#   make            build build/svreport and build/svreport-gen
#   make demo       install Debian packages if missing, build, write samples to out/
#   make check      install Debian packages if missing, build, run every test
#   make help       every other target
#
# Flags are composed from named parts so a target can swap one (redis style).

CC       ?= cc
STD      := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN     := -Wall -Wextra -pedantic -Wstrict-prototypes -Wshadow -Wformat=2 \
            -Wno-format-nonliteral
OPT      ?= -O2
DEBUG    ?= -g
SANITIZE ?=
CPPFLAGS += -Iinclude -MMD -MP
ALL_CFLAGS = $(STD) $(WARN) $(OPT) $(DEBUG) $(SANITIZE) $(CFLAGS)
LIBS     := -lhpdf -lpng -lz -lcsv -ljansson -lgsl -lgslcblas -lnettle -lm -lpthread

BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
OUT      ?= out

# Every src/*.c except main.c forms the library the binary and tests link.
LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
GEN_SRC  := $(wildcard src/gen/*.c)
GEN_OBJ  := $(GEN_SRC:src/gen/%.c=$(BUILD)/obj/gen/%.o)
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/obj/tests/%.o)

BIN      := $(BUILD)/svreport
GEN      := $(BUILD)/svreport-gen
UNIT     := $(BUILD)/unit-tests

ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all deps demo check test unit e2e check-asan valgrind fuzz fuzz-build bench \
        install clean format lint help samples

all: $(BIN) $(GEN)

$(BIN): $(BUILD)/obj/main.o $(BUILD)/libsvreport.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

$(GEN): $(GEN_OBJ) $(BUILD)/libsvreport.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libsvreport.a: $(LIB_OBJ)
	@echo "  AR    $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/tests/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) -Itests/unit $(ALL_CFLAGS) -c -o $@ $<

$(UNIT): $(UNIT_OBJ) $(BUILD)/libsvreport.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ -lcriterion $(LIBS)

-include $(LIB_OBJ:.o=.d) $(GEN_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(BUILD)/obj/main.d

# Installs the Debian packages the build and tests need, only if missing.
deps:
	$(Q)scripts/install-deps.sh

# Chromium, Node.js and the browser test's pinned npm packages, if missing.
.PHONY: browser-deps
browser-deps: deps
	$(Q)scripts/install-browser-deps.sh

# The sample organisations: extracts are generated (deterministic seed),
# configs are hand-written in samples/<org>/config.json.
# Regenerated when the generator changes; the stamp is not committed.
# The stamp follows the generator's sources, not a binary, so that a build in
# another directory (check-asan, valgrind) does not regenerate them.
SAMPLES_STAMP := samples/.generated
$(SAMPLES_STAMP): $(GEN_SRC) $(wildcard src/gen/*.h) scripts/make-samples.sh | $(GEN)
	$(Q)scripts/make-samples.sh $(GEN)
	$(Q)touch $@

samples: $(SAMPLES_STAMP)

demo: deps
	$(Q)$(MAKE) --no-print-directory all samples
	$(Q)scripts/demo.sh $(BIN) $(OUT)

unit: $(UNIT)
	$(Q)$(UNIT) --jobs=2

e2e: $(BIN) $(GEN) $(SAMPLES_STAMP)
	$(Q)tests/e2e/run.sh $(BIN) $(GEN)

test: unit e2e

check: deps browser-deps
	$(Q)$(MAKE) --no-print-directory all $(UNIT)
	$(Q)$(MAKE) --no-print-directory test

# The whole suite under AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer: the unit tests and every svreport and
# svreport-gen run of the end-to-end tests use the instrumented build.
# Reports go to files as well as failing the process, so that a report in a
# run a test expects to fail is not lost: any report fails the target.
ASAN_BUILD ?= build-asan
ASAN_LOGS = $(ASAN_BUILD)/sanitizer-logs
ASAN_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
check-asan: deps
	$(Q)$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) OPT=-O1 SANITIZE="$(ASAN_SANITIZE)" \
	  all $(ASAN_BUILD)/unit-tests
	$(Q)rm -rf $(ASAN_LOGS) && mkdir -p $(ASAN_LOGS)
	$(Q)ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$(abspath $(ASAN_LOGS))/asan:log_exe_name=1" \
	  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$(abspath $(ASAN_LOGS))/ubsan:log_exe_name=1" \
	  $(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) OPT=-O1 SANITIZE="$(ASAN_SANITIZE)" test
	$(Q)if [ -n "$$(ls -A $(ASAN_LOGS))" ]; then \
	  echo "sanitizer reports in $(ASAN_LOGS):"; head -n 40 $(ASAN_LOGS)/*; exit 1; fi
	@echo "check-asan: no sanitizer reports"

# The unit tests and the svreport processes of the end-to-end tests under
# valgrind memcheck (definite leaks and memory errors fail). Every e2e test
# under valgrind takes over 15 minutes, so by default a subset that covers
# every error path (the bad-input corpus), both sample organisations with
# every document and edition, the PDF checks and svreport stats;
# VALGRIND_TESTS=all runs them all.
VALGRIND_BUILD ?= build-valgrind
VALGRIND := valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            --show-leak-kinds=definite -q
VALGRIND_TESTS ?= test_bad_inputs.sh test_tiny_fixture.sh test_council_coventry.sh \
                  test_templates.sh test_identifiers.sh test_render_pdf.sh \
                  test_stats_reference.sh test_manpage.sh
valgrind: deps
	$(Q)$(MAKE) --no-print-directory BUILD=$(VALGRIND_BUILD) OPT=-O0 all $(VALGRIND_BUILD)/unit-tests \
	  $(SAMPLES_STAMP)
	$(Q)$(VALGRIND) $(VALGRIND_BUILD)/unit-tests --jobs=1
	$(Q)SVREPORT_WRAPPER="$(VALGRIND)" tests/e2e/run.sh $(VALGRIND_BUILD)/svreport \
	  $(VALGRIND_BUILD)/svreport-gen $(filter-out all,$(VALGRIND_TESTS))

# libFuzzer targets (tests/fuzz/): the library rebuilt with clang into
# build-fuzz, each harness run for FUZZ_SECONDS from its kept corpus
# (tests/fuzz/corpus/TARGET), then what it found merged back into that corpus
# (-merge=1 keeps only inputs that add coverage). A crash stops the target
# and leaves the input in build-fuzz/crashes/.
FUZZ_TARGETS := csv config template image
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN_csv := 70000
FUZZ_MAX_LEN_config := 16384
FUZZ_MAX_LEN_template := 32768
FUZZ_MAX_LEN_image := 16384
FUZZ_SANITIZE := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
                 -fno-omit-frame-pointer

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(BUILD)/libsvreport.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libsvreport.a $(LIBS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)
-include $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%.d)

fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 \
	  SANITIZE="$(FUZZ_SANITIZE)" fuzz-build
	$(Q)$(MAKE) --no-print-directory -j1 $(FUZZ_TARGETS:%=fuzz-run-%)

# One target: new inputs go to build-fuzz/found/TARGET, then are merged. A
# small ASan quarantine makes the allocation-heavy targets 1.5 times faster.
FUZZ_ENV := ASAN_OPTIONS=quarantine_size_mb=16:malloc_context_size=8
fuzz-run-%:
	@echo "  FUZZ  $* for $(FUZZ_SECONDS)s"
	$(Q)rm -rf build-fuzz/found/$* && mkdir -p build-fuzz/found/$* build-fuzz/crashes tests/fuzz/corpus/$*
	$(Q)$(FUZZ_ENV) build-fuzz/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN_$*) \
	  -rss_limit_mb=512 -timeout=10 -dict=tests/fuzz/$*.dict -print_final_stats=1 \
	  -artifact_prefix=build-fuzz/crashes/$*- build-fuzz/found/$* tests/fuzz/corpus/$* \
	  </dev/null 2>build-fuzz/$*.log || { tail -n 60 build-fuzz/$*.log; exit 1; }
	$(Q)sed -n 's/^stat::number_of_executed_units: */        executions: /p' build-fuzz/$*.log
	$(Q)$(FUZZ_ENV) build-fuzz/fuzz_$* -merge=1 -max_len=$(FUZZ_MAX_LEN_$*) -rss_limit_mb=512 \
	  tests/fuzz/corpus/$* build-fuzz/found/$* </dev/null 2>>build-fuzz/$*.log
	@echo "  KEEP  tests/fuzz/corpus/$*: $$(ls tests/fuzz/corpus/$* | wc -l) inputs"

# `make bench`: not part of check (it generates about 300 MB of extracts in
# $(BUILD)/bench and takes a minute); prints what scripts/bench.sh measures.
bench: $(BIN) $(GEN) $(BUILD)/bareparse
	$(Q)scripts/bench.sh $(BIN) $(GEN) $(BUILD)/bareparse

$(BUILD)/bareparse: tests/bench/bareparse.c
	@mkdir -p $(dir $@)
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< -lcsv

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/svreport/templates/frameworks \
	  $(DESTDIR)$(PREFIX)/share/svreport/fonts $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/svreport
	install -m 0644 templates/*.json $(DESTDIR)$(PREFIX)/share/svreport/templates/
	install -m 0644 templates/frameworks/*.json $(DESTDIR)$(PREFIX)/share/svreport/templates/frameworks/
	install -m 0644 fonts/*.ttf fonts/LICENSE $(DESTDIR)$(PREFIX)/share/svreport/fonts/
	install -m 0644 man/svreport.1 $(DESTDIR)$(PREFIX)/share/man/man1/svreport.1

format:
	clang-format -i src/*.c src/gen/*.c include/*.h tests/unit/*.c

lint:
	clang-tidy src/*.c -- $(CPPFLAGS) $(STD)

clean:
	rm -rf build build-asan build-valgrind build-fuzz $(OUT)

help:
	@sed -n 's/^#   //p' Makefile
	@echo "  make test        unit and end-to-end tests without the package check"
	@echo "  make check-asan  every test under ASan and UBSan"
	@echo "  make valgrind    unit tests and most e2e tests under valgrind (VALGRIND_TESTS=all)"
	@echo "  make fuzz        libFuzzer targets, FUZZ_SECONDS each (default 60)"
	@echo "  make install     PREFIX=/usr/local DESTDIR= (binary, templates, fonts)"
	@echo "  make format      clang-format the sources"
	@echo "  V=1              show the compiler command lines"
