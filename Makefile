# rota - workforce scheduling and attendance engine.
#
#   make            build librota.a and the rota binary (build/)
#   make deps       install missing Debian packages (apt-get; sudo when not root)
#   make check      install deps, build, run every test (unit + end-to-end)
#   make sanitize   the same tests built with ASan + UBSan in build/sanitize/
#   make valgrind   unit tests and e2e under valgrind --leak-check=full
#   make demo       fresh demo database from examples/contact-center
#   make bench      benchmarks (bench/RESULTS.md explains them)
#   make install    PREFIX=/usr/local DESTDIR=  binary and man page
#   make hdrcheck   compile each public header on its own
#   make fuzz       libFuzzer (clang) on each target for FUZZ_S seconds
#
# Required flags live in ROTA_CFLAGS; CFLAGS/LDFLAGS stay the user's.
# Compiler lines are shown as "CC file"; make V=1 shows them in full.

PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man/man1
BUILD    ?= build
CC       ?= cc
CFLAGS   ?= -O2 -g
PKG_CONFIG ?= pkg-config

VERSION  := 0.1.0

ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wvla -Wpointer-arith -Wcast-qual \
	-Wundef -Wwrite-strings -Wold-style-definition
ROTA_CFLAGS := -std=c11 $(WARNINGS) -D_DEFAULT_SOURCE -I. -MMD -MP \
	-DROTA_VERSION='"$(VERSION)"'

ifdef SANITIZE
ROTA_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
ROTA_LDFLAGS += -fsanitize=address,undefined
endif

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags libical sqlite3 libmicrohttpd \
		libsodium 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs libical sqlite3 libmicrohttpd \
		libsodium 2>/dev/null || \
		echo -lical -lsqlite3 -lmicrohttpd -lsodium)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
LIBS = $(PKG_LIBS) -lglpk -lcsv -lm -lpthread

LIB_SRC  := $(wildcard core/*.c solver/*.c calendar/*.c store/*.c plan/*.c \
	serve/*.c)
CLI_SRC  := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
BENCH_SRC := $(wildcard bench/*.c)

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
LIBROTA  := $(BUILD)/librota.a
ROTA     := $(BUILD)/rota

PUBLIC_HEADERS := core/error.h core/time.h core/model.h core/leave.h \
	$(wildcard solver/solver.h calendar/calendar.h store/store.h \
	plan/plan.h serve/serve.h)

# Debian packages the build, the tests and the demo need.
DEB_PKGS := gcc make pkg-config libglpk-dev libical-dev libsqlite3-dev \
	libcmocka-dev libcsv-dev tzdata python3 libmicrohttpd-dev libsodium-dev \
	curl chromium fonts-wqy-microhei
BENCH_PKGS := coinor-cbc wrk time
FUZZ_PKGS := clang libclang-rt-dev

# libFuzzer targets (fuzz/fuzz_NAME.c); `make check` replays their seed
# corpora (fuzz/corpus/NAME) and every input a fuzzer found
# (fuzz/regress/NAME) through fuzz/driver.c with the normal compiler.
FUZZ_TARGETS := json http csv ini ics
FUZZ_S ?= 60
FUZZ_CC ?= clang
REPLAY_BIN := $(FUZZ_TARGETS:%=$(BUILD)/fuzz-replay/fuzz_%)

.PHONY: all deps deps-bench deps-fuzz check test unit e2e replay sanitize \
	valgrind demo bench install uninstall clean hdrcheck fuzz

all: $(ROTA) $(LIBROTA)

deps:
	@sh .ci/install-deps $(DEB_PKGS)

deps-bench:
	@sh .ci/install-deps $(DEB_PKGS) $(BENCH_PKGS)

deps-fuzz:
	@sh .ci/install-deps $(DEB_PKGS) $(FUZZ_PKGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(ROTA_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(LIBROTA): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(quiet) AR $@
	$(Q)$(AR) rcs $@ $^

$(ROTA): $(CLI_OBJ) $(LIBROTA)
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) $(ROTA_LDFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBROTA) $(LIBS)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(ROTA_CFLAGS) $(PKG_CFLAGS) $(CMOCKA_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIBROTA)
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) $(ROTA_LDFLAGS) $(LDFLAGS) -o $@ $< $(LIBROTA) $(LIBS) $(CMOCKA_LIBS)

$(BUILD)/bench/%: bench/%.c $(LIBROTA)
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(ROTA_CFLAGS) $(PKG_CFLAGS) -O2 $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBROTA) $(LIBS)

# --- tests -----------------------------------------------------------------

check: deps
	@$(MAKE) --no-print-directory test

test: unit replay e2e

unit: $(TEST_BIN) $(ROTA)
	@sh tests/run-unit $(TEST_BIN)

$(BUILD)/fuzz-replay/fuzz_%: fuzz/fuzz_%.c fuzz/driver.c $(wildcard fuzz/*.h) $(LIBROTA)
	@mkdir -p $(dir $@)
	$(quiet) LINK $@
	$(Q)$(CC) $(filter-out -MMD -MP,$(ROTA_CFLAGS)) $(PKG_CFLAGS) $(CFLAGS) \
		$(ROTA_LDFLAGS) $(LDFLAGS) -o $@ $< fuzz/driver.c $(LIBROTA) $(LIBS)

replay: $(REPLAY_BIN)
	@for t in $(FUZZ_TARGETS); do \
		files=$$(find fuzz/corpus/$$t fuzz/regress/$$t -type f 2>/dev/null); \
		$${VALGRIND:-} $(BUILD)/fuzz-replay/fuzz_$$t $$files >/dev/null || \
			{ echo "FAIL replay fuzz_$$t"; exit 1; }; \
		echo "PASS replay fuzz_$$t ($$(echo $$files | wc -w) inputs)"; \
	done

e2e: $(ROTA)
	@ROTA="$(abspath $(ROTA))" sh tests/e2e/run

sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build/sanitize SANITIZE=1 test

valgrind: deps
	@$(MAKE) --no-print-directory $(TEST_BIN) $(ROTA)
	@VALGRIND="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99" \
		sh tests/run-unit $(TEST_BIN)
	@$(MAKE) --no-print-directory $(REPLAY_BIN)
	@VALGRIND="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99" \
		$(MAKE) --no-print-directory replay
	@ROTA_WRAPPER="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99" \
		ROTA="$(abspath $(ROTA))" sh tests/e2e/run

hdrcheck:
	@for h in $(PUBLIC_HEADERS); do \
		printf '#include "%s"\n' $$h | \
		$(CC) $(filter-out -MMD -MP,$(ROTA_CFLAGS)) -x c -fsyntax-only - || exit 1; \
	done; echo "hdrcheck: $(words $(PUBLIC_HEADERS)) headers compile alone"

# --- fuzzing (clang's libFuzzer; not part of make check) ------------------

FUZZ_BUILD := build/fuzz
FUZZ_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
		CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
		$(FUZZ_BUILD)/librota.a
	@for t in $(FUZZ_TARGETS); do \
		$(FUZZ_CC) $(filter-out -MMD -MP,$(ROTA_CFLAGS)) $(PKG_CFLAGS) \
			$(FUZZ_FLAGS) -fsanitize=fuzzer -o $(FUZZ_BUILD)/fuzz_$$t \
			fuzz/fuzz_$$t.c $(FUZZ_BUILD)/librota.a $(LIBS) || exit 1; \
	done
	@FUZZ_S=$(FUZZ_S) FUZZ_BUILD=$(FUZZ_BUILD) sh fuzz/run $(FUZZ_TARGETS)

# --- demo, bench -----------------------------------------------------------

demo: deps
	@$(MAKE) --no-print-directory $(ROTA) $(BUILD)/bench/punchgen
	@ROTA="$(abspath $(ROTA))" BUILD="$(abspath $(BUILD))" \
		sh examples/contact-center/demo.sh

bench: deps-bench
	@$(MAKE) --no-print-directory $(ROTA) $(BENCH_BIN)
	@ROTA="$(abspath $(ROTA))" BUILD="$(abspath $(BUILD))" sh bench/run

# --- install ---------------------------------------------------------------

install: $(ROTA)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(ROTA) $(DESTDIR)$(BINDIR)/rota
	install -m 644 docs/rota.1 $(DESTDIR)$(MANDIR)/rota.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rota $(DESTDIR)$(MANDIR)/rota.1

clean:
	rm -rf build demo-out

.SECONDARY:

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)
