# liaison — build, test and benchmark. `make demo` and `make test` are all the set-up there is.

VERSION      := 0.2.0
SOMAJOR      := 1
CC           ?= cc
BUILD        ?= build
CSTD         := -std=c11 -D_POSIX_C_SOURCE=200809L
WARN         := -Wall -Wextra -Werror -Wpedantic -Wno-overlength-strings
OPT          ?= -O2 -g
CFLAGS_ALL    = $(CSTD) $(WARN) $(OPT) -Iinclude -fPIC -fvisibility=hidden -DLIA_BUILDING_LIBRARY \
                -I/usr/include/x86_64-linux-gnu/openblas-pthread $(EXTRA_CFLAGS)
# GLPK has no .pc file; OpenBLAS is built without LAPACKE, so LAPACKE comes separately.
LIBS         := -lglpk -llapacke -lopenblas -lsqlite3 -lm -lpthread
TEST_LIBS    := -lcmocka $(LIBS)

# Debian packages: libraries, then tools used only by tests/fuzzing.
DEB_BUILD    := libglpk-dev libopenblas-dev liblapacke-dev libcmocka-dev libsqlite3-dev libopenmpi-dev openmpi-bin
DEB_TEST     := lrslib glpk-utils abigail-tools clang libclang-rt-14-dev python3 locales pkg-config \
                python3-numpy python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel \
                python3-pandas python3-setuptools python3-pip chromium python3-pil
APT          := apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600

LIB_SRC      := $(sort $(shell find solver -name '*.c' -not -path 'solver/cli/*'))
CLI_SRC      := $(sort $(wildcard solver/cli/*.c))
LIB_OBJ      := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ      := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
# liaison-mpi: the CLI's objects but its entry point, and solver/cli/mpi/ compiled with mpicc;
# built when mpicc is found (the library itself never links MPI).
MPICC        ?= mpicc
HAVE_MPI     := $(shell command -v $(MPICC) >/dev/null 2>&1 && echo yes)
MPI_SRC      := $(sort $(wildcard solver/cli/mpi/*.c))
MPI_OBJ      := $(MPI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC     := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN     := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# A program built against the previous release's header, run against the new library (abi.sh).
OLD_CALLER   := $(BUILD)/tests/abi_old_caller

Q            ?= @
STATIC       := $(BUILD)/lib/libliaison.a
SHARED       := $(BUILD)/lib/libliaison.so.$(VERSION)
CLI          := $(BUILD)/bin/liaison
CLI_MPI      := $(if $(HAVE_MPI),$(BUILD)/bin/liaison-mpi)

.PHONY: all deps demo test test-unit test-asan test-limits fuzz fuzz-models bench golden clean help install examples abi-baseline

PREFIX       ?= /usr/local
DESTDIR      ?=
PYTHONDIR    ?= $(PREFIX)/lib/python3/dist-packages

all: $(STATIC) $(SHARED) $(CLI) $(CLI_MPI)

help:
	@echo "make deps      install missing Debian packages (root) or print the command"
	@echo "make           build $(CLI) (and $(BUILD)/bin/liaison-mpi if mpicc is found) and the libraries in $(BUILD)/lib"
	@echo "make demo      install, build, and compile the default model"
	@echo "make test      unit, end-to-end and malformed-input tests"
	@echo "make test-asan the whole suite under AddressSanitizer + UBSan"
	@echo "make test-limits hostile inputs under ulimit -v and a wall clock: exit codes, peak memory,"
	@echo "               strict JSON, no partial files"
	@echo "make fuzz      libFuzzer on the compiler (FUZZ_SECONDS=60; timeout measured per target)"
	@echo "make fuzz-models grammar-aware mutants of models/*.lia through the sanitizer-built CLI"
	@echo "               (FUZZ_MODELS_SECONDS=120, FUZZ_MODELS_SEED=1)"
	@echo "make bench     compile-time benchmarks"
	@echo "make golden    regenerate tests/golden/ after an intended change"
	@echo "make abi-baseline  store the library's ABI as the baseline abi.sh compares with (docs/api.md)"

deps:
	@missing=""; for p in $(DEB_BUILD) $(DEB_TEST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then echo "deps: installing$$missing"; \
	  (apt-get update -o DPkg::Lock::Timeout=600 -qq && $(APT) -qq $$missing) >/dev/null || exit 1; \
	else echo "deps: missing$$missing; run as root:"; \
	  echo "  apt-get update && $(APT)$$missing"; exit 1; fi

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared -Wl,-soname,libliaison.so.$(SOMAJOR) -o $@ $^ $(LIBS) $(EXTRA_LDFLAGS)
	$(Q)ln -sf libliaison.so.$(VERSION) $(BUILD)/lib/libliaison.so.$(SOMAJOR)
	$(Q)ln -sf libliaison.so.$(SOMAJOR) $(BUILD)/lib/libliaison.so

# The CLI links the static library and sees only include/liaison.h.
$(CLI): $(CLI_OBJ) $(STATIC)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $(CLI_OBJ) $(STATIC) $(LIBS) $(EXTRA_LDFLAGS)

$(BUILD)/obj/solver/cli/%.o: CFLAGS_ALL += -Isolver/cli

$(BUILD)/obj/solver/cli/mpi/%.o: solver/cli/mpi/%.c
	@mkdir -p $(dir $@)
	@echo "  MPICC $<"
	$(Q)$(MPICC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/bin/liaison-mpi: $(MPI_OBJ) $(filter-out %/entry.o,$(CLI_OBJ)) $(STATIC)
	@mkdir -p $(dir $@)
	$(Q)$(MPICC) -o $@ $(MPI_OBJ) $(filter-out %/entry.o,$(CLI_OBJ)) $(STATIC) $(LIBS) $(EXTRA_LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/support/filter.c $(STATIC)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isolver $(EXTRA_CFLAGS) -o $@ $< tests/unit/support/filter.c $(STATIC) $(TEST_LIBS) $(EXTRA_LDFLAGS)

# deps runs to completion first, so a parallel make never compiles against missing headers.
DEMO_MODEL   := models/ukusa-1946.lia
demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@echo; echo "== liaison check $(DEMO_MODEL)"
	@$(CLI) check $(DEMO_MODEL)
	@echo; echo "== liaison compile $(DEMO_MODEL)        (the stage game over sharing levels)"
	@$(CLI) compile $(DEMO_MODEL)
	@echo; echo "== liaison nash $(DEMO_MODEL) --method pure   (the stable sharing levels)"
	@$(CLI) nash $(DEMO_MODEL) --method pure
	@echo; echo "== liaison compile $(DEMO_MODEL) --emit tu   (coalition values v(S))"
	@$(CLI) compile $(DEMO_MODEL) --emit tu

# make test T=test_lh (one unit file) or T=sweep (one CLI suite); F='*pattern*' one case.
test:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all $(TEST_BIN) $(OLD_CALLER)
	@LIA_TEST_FILTER='$(F)' bash tests/run.sh $(BUILD) $(if $(T),$(if $(filter test_%,$(T)),unit,cli) $(T),all)

test-unit: all $(TEST_BIN)
	@bash tests/run.sh $(BUILD) unit

# The whole suite again with sanitizers, in its own build tree.
test-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" all build/asan/tests/.stamp
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  bash tests/run.sh build/asan

$(BUILD)/tests/.stamp: $(TEST_BIN) $(OLD_CALLER)
	@touch $@

# Sees only tests/abi/liaison-0.2.h and links the shared library by its SONAME, as a program
# built for the previous release does.
$(OLD_CALLER): tests/abi/old_caller.c tests/abi/liaison-0.2.h $(SHARED)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CSTD) $(WARN) $(OPT) -Itests/abi $(EXTRA_CFLAGS) -o $@ $< -L$(BUILD)/lib -lliaison \
	  -Wl,-rpath,$(CURDIR)/$(BUILD)/lib -lm $(EXTRA_LDFLAGS)

# The ABI baseline tests/cli/abi.sh compares the library with (abidiff): run it only when the
# ABI changed on purpose within the SONAME (functions added, owned or options structs grown
# under the rules of docs/api.md), or together with a SONAME bump; review the diff.
ABIDW        := abidw --headers-dir include --no-corpus-path --no-comp-dir-path --no-show-locs \
                --type-id-style hash --drop-private-types
abi-baseline: $(SHARED)
	@$(ABIDW) --out-file tests/abi/libliaison.so.$(SOMAJOR).abi $(BUILD)/lib/libliaison.so.$(SOMAJOR)
	@sed -n 's/^#define \(LIA_[A-Z_]*_OPTIONS_VERSION\) \([0-9]*\)$$/\1 \2/p' include/liaison.h \
	  >tests/abi/options-versions.txt
	@echo "wrote tests/abi/libliaison.so.$(SOMAJOR).abi and tests/abi/options-versions.txt"


# Install the header, both libraries (versioned SONAME and its links), liaison.pc, the CLI,
# the man page, and the Python package (with the example models as its data) under
# $(DESTDIR)$(PREFIX). PYTHONDIR is PREFIX/lib/python3/dist-packages, which Debian's python3
# has on sys.path for /usr/local and /usr; for another prefix set PYTHONPATH to it
# (docs/python.md). The package finds PREFIX/lib/libliaison.so.1 relative to itself.
install: all
	@install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	@install -m 644 include/liaison.h $(DESTDIR)$(PREFIX)/include/
	@install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/
	@install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/
	@ln -sf libliaison.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libliaison.so.$(SOMAJOR)
	@ln -sf libliaison.so.$(SOMAJOR) $(DESTDIR)$(PREFIX)/lib/libliaison.so
	@sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' liaison.pc.in >$(DESTDIR)$(PREFIX)/lib/pkgconfig/liaison.pc
	@install -m 755 $(CLI) $(CLI_MPI) $(DESTDIR)$(PREFIX)/bin/
	@install -m 644 docs/liaison.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	@install -d $(DESTDIR)$(PYTHONDIR)/liaison/models
	@install -m 644 python/liaison/*.py $(DESTDIR)$(PYTHONDIR)/liaison/
	@install -m 644 models/*.lia $(DESTDIR)$(PYTHONDIR)/liaison/models/
	@printf '# written by make install: where the library was installed with this package\nLIBDIR = "%s"\n' \
	  '$(PREFIX)/lib' >$(DESTDIR)$(PYTHONDIR)/liaison/_installed.py
	@echo "installed liaison $(VERSION) under $(DESTDIR)$(PREFIX) (Python package in $(PYTHONDIR))"

# The C examples, built as a user would: against an installed liaison, through pkg-config
# (EXAMPLES_PREFIX, default a fresh install under $(BUILD)/prefix).
EXAMPLES_PREFIX ?= $(CURDIR)/$(BUILD)/prefix
examples:
	@$(MAKE) --no-print-directory install PREFIX=$(EXAMPLES_PREFIX) >/dev/null
	@mkdir -p $(BUILD)/examples
	$(Q)PKG_CONFIG_PATH=$(EXAMPLES_PREFIX)/lib/pkgconfig $(CC) $(CSTD) $(WARN) -O2 -o $(BUILD)/examples/verdicts \
	  examples/c/verdicts.c $$(PKG_CONFIG_PATH=$(EXAMPLES_PREFIX)/lib/pkgconfig pkg-config --cflags --libs liaison) -lm
	@echo "built $(BUILD)/examples/verdicts (run with LD_LIBRARY_PATH=$(EXAMPLES_PREFIX)/lib)"

# Regenerate the golden outputs of tests/golden/ after an intended change; review the diff.
golden: all
	@GOLDEN_UPDATE=1 bash tests/cli/golden.sh $(BUILD) | grep -c updated | xargs echo "golden files written:"

FUZZ_SECONDS ?= 60
fuzz:
	@bash tests/fuzz/run.sh $(FUZZ_SECONDS)

# Mutants of the models (numbers, names, levels, members, titles) through the CLI built with
# AddressSanitizer + UBSan (build/asan, as test-asan builds it): every run must end, exit 0 or
# 2 (3 with a reason), without a sanitizer report, and print strict JSON.
FUZZ_MODELS_SECONDS ?= 120
FUZZ_MODELS_SEED ?= 1
fuzz-models:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" build/asan/bin/liaison
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  python3 tests/fuzz/models.py build/asan/bin/liaison $(FUZZ_MODELS_SECONDS) $(FUZZ_MODELS_SEED)

# Hostile inputs under an address-space limit and a wall clock (tests/limits/run.sh).
test-limits: all
	@bash tests/limits/run.sh $(BUILD)

$(BUILD)/bench/%: tests/bench/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -Isolver $(EXTRA_CFLAGS) -o $@ $< $(STATIC) $(LIBS) $(EXTRA_LDFLAGS)

bench: all $(BUILD)/bench/bench_ce $(BUILD)/bench/bench_share $(BUILD)/bench/bench_sweep $(BUILD)/bench/bench_explore
	@bash tests/bench/run.sh $(BUILD)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(MPI_OBJ:.o=.d)
