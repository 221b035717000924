# SPDX-License-Identifier: BSD-2-Clause
# genpvh: the only build entry.
#
#   make              build build/genpvh (stripped) and build/genpvh.debug
#   make run          boot it in QEMU (KVM if /dev/kvm works, else TCG) and
#                     print the boot report; M=pc|q35|microvm, ARGS="test=all";
#                     HV=xen boots it as the PVH dom0 of Xen 4.17 under QEMU
#   make test         every test: host unit tests, fuzzing, kernel checks,
#                     the QEMU machine matrix, real KVM (nested under TCG),
#                     Xen (dom0 and xl domUs), the PVH loader matrix
#   make check        the in-guest tests through tools/genpvh-run: TAP,
#                     JUnit in build/junit.xml (CHECK_ARGS="--hv kvm ...")
#   make conformance  docs/conformance.md from real runs (tools/conformance)
#   make test-kvm     every kvm-tests suite: the TCG matrix (kvm-tests/run),
#                     virtio-mmio and virtio-blk (kvm-tests/virtio),
#                     the loader matrix, real KVM (kvm-tests/nested)
#   make test-xen     the Xen suite only (xen-tests/run)
#   make test-loader  the PVH loader matrix only (kvm-tests/loader/run)
#   make test-mutate  every boot-structure check disabled in turn, with the
#                     unit test and the loader matrix each run against it
#   make fuzz         a longer fuzzing run (FUZZ_SECONDS, default 300)
#   make boottrace    boot with the boot tracer on; write build/boottrace.*
#   make bench        the boot benchmark: build/bench.json, build/bench.png
#   make clean
#
# Missing Debian packages are installed when run as root; otherwise the
# exact apt-get line is printed (tools/deps.sh).

ifeq ($(V),1)
Q :=
else
Q := @
endif

ifeq ($(origin CC),default)
CC := gcc
endif
B ?= build
O := $(B)/obj
# KDEFS: fault injection for the tests (KDEFS=-DGENPVH_INJECT_...; see
# tests/lib.sh build_inject), never in the kernel users get: only into a
# build directory of its own, one per KDEFS, since objects do not depend
# on it.
KDEFS ?=
ifneq ($(strip $(KDEFS)),)
ifeq ($(abspath $(B)),$(CURDIR)/build)
$(error KDEFS=$(KDEFS) needs its own build directory: B=build/inject-...)
endif
endif
M ?= microvm
HV ?= qemu
ARGS ?=

KCONF := sys/arch/amd64/conf/GENPVH
KSRCS := $(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' $(KCONF))
KOBJS := $(patsubst %,$(O)/%.o,$(basename $(KSRCS)))
CC_INCLUDE := $(shell $(CC) -print-file-name=include)

KCPPFLAGS := -nostdinc -isystem $(CC_INCLUDE) -I sys -I $(B)/include \
	-D_KERNEL $(KDEFS)
# -Os: boot time is VM exits, not instructions, and -Os keeps the image
# small (-O2 costs about 12 KiB more on the boot-only kernel).
KCFLAGS := -std=c11 -ffreestanding -Os -g -Wall -Wextra -Werror \
	-Wstrict-prototypes -Wmissing-prototypes -Wshadow \
	-mno-red-zone -mno-mmx -mno-sse -mno-sse2 -mno-3dnow -msoft-float \
	-fno-pic -fno-pie -mcmodel=small -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-ffunction-sections -fdata-sections -fno-common
# -n (nmagic): segments are not page-aligned in the file.  PVH loaders
# (QEMU's load_elf, Xen's libelf, Firecracker's linux-loader, our own in
# kvm-tests/loader) copy each PT_LOAD by offset and size and never mmap
# the file, so the padding between segments (up to 4 KiB each) was dead
# weight; the addresses, and with them W^X, still come from genpvh.ld.
KLDFLAGS := -nostdlib -static -no-pie -Wl,-T,sys/arch/amd64/conf/genpvh.ld \
	-Wl,--gc-sections -Wl,-z,max-page-size=4096 -Wl,--build-id=none \
	-Wl,-z,noexecstack -Wl,-n

.PHONY: all run test check conformance test-unit test-kernel test-layering test-tcg test-kvm test-xen fuzz \
	test-loader test-mutate boottrace bench \
	clean deps-build

all: $(B)/genpvh $(B)/loader/fw.bin

deps-build:
	@tools/deps.sh build

# Xen's public headers, from Debian's libxen-dev, as <xen/...>; our
# machine headers as <machine/...>.  Links, never copies.
$(B)/include/.stamp: | deps-build
	@mkdir -p $(B)/include
	@ln -sfn /usr/include/xen $(B)/include/xen
	@ln -sfn $(CURDIR)/sys/arch/amd64/include $(B)/include/machine
	@test -f $(B)/include/xen/arch-x86/hvm/start_info.h || \
	    { echo "genpvh: /usr/include/xen is missing: install libxen-dev"; exit 1; }
	@touch $@

# Objects depend on this Makefile: a change of flags rebuilds them.
$(O)/%.o: %.c $(B)/include/.stamp Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCPPFLAGS) $(KCFLAGS) -MMD -MP -c $< -o $@

$(O)/%.o: %.S $(B)/include/.stamp Makefile
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(KCPPFLAGS) -D__ASSEMBLER__ -Wall -Werror -MMD -MP -c $< -o $@

$(B)/genpvh.debug: $(KOBJS) sys/arch/amd64/conf/genpvh.ld $(KCONF)
	@echo "  LD      $@"
	$(Q)$(CC) $(KLDFLAGS) -o $@ $(KOBJS)

$(B)/genpvh: $(B)/genpvh.debug
	$(Q)strip -o $@ $<
	@echo "genpvh: $@ is $$(stat -c %s $@) bytes (stripped)"

-include $(KOBJS:.o=.d)

# kvm-tests/loader's PVH loader firmware: a flat 64 KiB image for QEMU
# -bios, reset vector in its last 16 bytes, linked at offset 0 (fw.S adds
# the 0xffff0000 it runs at where an absolute address is needed).
$(B)/loader/fw.bin: kvm-tests/loader/fw.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) -m32 -c -o $(B)/loader/fw.o $<
	$(Q)ld -m elf_i386 -Ttext=0 -e _start --oformat binary -o $@ \
	    $(B)/loader/fw.o
	@test "$$(stat -c %s $@)" = 65536 || \
	    { echo "genpvh: $@ is not 64 KiB"; rm -f $@; exit 1; }

# The benchmark's floor: a PVH kernel that exits at its first instruction.
$(B)/null-pvh: tools/bench/null-pvh.S tools/bench/null-pvh.ld $(B)/include/.stamp
	@mkdir -p $(O)
	@echo "  AS+LD   $@"
	$(Q)$(CC) $(KCPPFLAGS) -D__ASSEMBLER__ -c tools/bench/null-pvh.S -o $(O)/null-pvh.o
	$(Q)$(CC) -nostdlib -static -no-pie -Wl,-T,tools/bench/null-pvh.ld \
	    -Wl,--build-id=none -Wl,-z,noexecstack -o $@ $(O)/null-pvh.o

run: all
	@tools/deps.sh qemu $(if $(filter xen,$(HV)),xen)
	@kvm-tests/boot --machine $(M) --hv $(HV) -- $(ARGS)

# Every suite prints TAP; tools/run-suites adds them up.
SUITES := tests/layering/run tests/unit/run tests/tools/run tests/harness/run \
	tests/harness/runner tests/kernel/run kvm-tests/run kvm-tests/virtio \
	kvm-tests/loader/run kvm-tests/loader/mutate-checks kvm-tests/nested \
	xen-tests/run
# The linux and xen groups (nested KVM, Xen) may fail to install: those
# suites then skip with the reason, the others still run.  Not in strict
# mode (GENPVH_STRICT=1, as .ci/run sets): there a failed install, a
# skipped suite or a suite that ran no test fails the run.
STRICT_OFF = case "$${GENPVH_STRICT:-}" in ''|0) ;; *) false ;; esac
test: all
	@tools/deps.sh build qemu fuzz check
	@tools/deps.sh linux xen || { $(STRICT_OFF) || { \
	    echo "genpvh: strict mode: the linux and xen packages must install"; \
	    exit 1; }; \
	    echo "genpvh: kvm-tests/nested and xen-tests/run will skip"; }
	@tools/run-suites $(SUITES)

# The in-guest tests through the runner (tools/genpvh-run, docs/runner.md):
# TAP on stdout, JUnit in build/junit.xml.  CHECK_ARGS picks hypervisors,
# machines, tests and shards: make check CHECK_ARGS="--hv kvm --shard 1/2".
CHECK_ARGS ?= --hv tcg --machine pc,q35,microvm
check: all
	@tools/deps.sh qemu check $(if $(findstring xen,$(CHECK_ARGS)),xen linux)
	@tools/genpvh-run $(CHECK_ARGS) --junit $(B)/junit.xml

# What every platform hands a PVH guest: TCG pc/q35/microvm, nested KVM,
# Xen domU and dom0, rendered into docs/conformance.md.
conformance: all
	@tools/deps.sh qemu check xen linux
	@tools/conformance

test-unit:
	@tools/deps.sh build fuzz
	@tools/run-suites tests/unit/run

test-kernel: all
	@tools/run-suites tests/kernel/run

# The include graph of sys/ is one-way (sys/kern/kern_md.h).
test-layering:
	@tools/run-suites tests/layering/run

test-tcg: all
	@tools/deps.sh qemu
	@tools/run-suites kvm-tests/run kvm-tests/virtio

test-loader: all
	@tools/deps.sh qemu
	@tools/run-suites kvm-tests/loader/run

# In make test, mutate-checks boots the loader only for a check the unit
# test misses (~1 minute); here every check gets both (~6 minutes).
test-mutate: all
	@tools/deps.sh build qemu fuzz
	@kvm-tests/loader/mutate-checks --full

test-xen: all
	@tools/deps.sh qemu xen linux
	@tools/run-suites xen-tests/run

# The benchmark: figures, not pass/fail (tools/bench/bench.py).
bench: all $(B)/null-pvh
	@tools/deps.sh qemu linux xen bench
	@tools/bench/bench.py

boottrace: all
	@tools/deps.sh qemu
	@tools/deps.sh $(if $(filter xen,$(HV)),xen linux)
	@tools/boottrace --hv $(HV)

# Real KVM without /dev/kvm: Debian's Linux under TCG runs the guest
# under its KVM (kvm-tests/nested); also directly where /dev/kvm works.
test-kvm: all
	@tools/deps.sh qemu
	@tools/deps.sh linux || { $(STRICT_OFF) || { \
	    echo "genpvh: strict mode: the linux packages must install"; \
	    exit 1; }; echo "genpvh: kvm-tests/nested will skip"; }
	@tools/run-suites kvm-tests/run kvm-tests/virtio kvm-tests/loader/run \
	    kvm-tests/nested

fuzz:
	@tools/deps.sh fuzz
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-300} tests/unit/run --fuzz-only

clean:
	rm -rf $(B)
