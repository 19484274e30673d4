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
LIBS     := -lhpdf -lpng -lz -lcsv -ljansson -lgsl -lgslcblas -lm -lpthread

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

.PHONY: all deps demo check test unit e2e check-asan valgrind fuzz bench \
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

# The sample organisations: extracts are generated (deterministic seed),
# configs are hand-written in samples/<org>/config.json.
# Regenerated when the generator changes; the stamp is not committed.
SAMPLES_STAMP := samples/.generated
$(SAMPLES_STAMP): $(GEN) scripts/make-samples.sh
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

check: deps
	$(Q)$(MAKE) --no-print-directory all $(UNIT)
	$(Q)$(MAKE) --no-print-directory test

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: deps
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  test

# The whole suite with every svreport process under valgrind memcheck.
valgrind: deps
	$(Q)$(MAKE) --no-print-directory BUILD=build-valgrind OPT=-O0 all build-valgrind/unit-tests
	$(Q)SVREPORT_WRAPPER="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite -q" \
	  $(MAKE) --no-print-directory BUILD=build-valgrind OPT=-O0 test

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/svreport/templates \
	  $(DESTDIR)$(PREFIX)/share/svreport/fonts
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/svreport
	install -m 0644 templates/*.json $(DESTDIR)$(PREFIX)/share/svreport/templates/
	install -m 0644 fonts/*.ttf fonts/LICENSE $(DESTDIR)$(PREFIX)/share/svreport/fonts/

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
	@echo "  make valgrind    every test under valgrind memcheck"
	@echo "  make install     PREFIX=/usr/local DESTDIR= (binary, templates, fonts)"
	@echo "  make format      clang-format the sources"
	@echo "  V=1              show the compiler command lines"
