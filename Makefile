# SPDX-License-Identifier: GPL-2.0
#
# Bulkhead top-level build. The README's two commands:
#   make demo    set up, build, boot the emulated board, show the hypervisor
#   make check   set up, build, unit tests + system tests on the emulated board, then the PC
# Also: make (build all, both architectures: the PC's parts in build/x86),
# make run (interactive board), make bench; the PC: run-x86, demo-x86,
# system-tests-x86, bench-x86.

CROSS_COMPILE ?= aarch64-linux-gnu-
SETUP := .cache/setup.done
KENV := .cache/kernel.env
# Debian's arm64 tmux for the terminal tests (scripts/setup.sh caches it).
TMUX_ARM64 := .cache/tmux/usr/bin/tmux
BUILD := build
INITRD := $(BUILD)/initramfs.cpio.gz
# The Linux cell's (configs/arm64/qemu-virt-linux-cell.dts), inside $(INITRD).
LINUX_CELL_INITRD := $(BUILD)/linux-cell.cpio.gz
# What the board program, ELF and raw, prints on the bare board shaped like
# its cell (configs/arm64/qemu-virt-board.dts: 2 CPUs, EL2, 16 MiB): the
# board test group compares the cell's output with it.
BOARD_BARE := $(BUILD)/board-bare-elf.txt $(BUILD)/board-bare-bin.txt

# Signatures the integrity group loads with, by the test keys of tests/system/keys:
# hello.bin -s interval-ms=50 signed by the pinned key (image.pem) and by another
# (other.pem), and the pinned key's signature for another command line (replayed).
INTEGRITY_SIGS := $(BUILD)/integrity/hello.sig $(BUILD)/integrity/hello-other-key.sig \
		  $(BUILD)/integrity/hello-count.sig
SIGN_HELLO := tools/hvctl cell sign configs/arm64/qemu-virt-hello.cell inmates/demos/arm64/hello.bin

# The man pages, generated from the tools' own tables (hvctl --man, bulkhead-cellc --man),
# dated by the last commit unless SOURCE_DATE_EPOCH says otherwise: builds are reproducible.
MAN_PAGES := $(BUILD)/man/hvctl.8 $(BUILD)/man/bulkhead-cellc.1
MAN_DATE := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null))

CONFIG_DTS := $(wildcard configs/arm64/*.dts configs/x86/*.dts)
TEST_DTS := $(wildcard tests/system/configs/*.dts tests/system/configs/x86/*.dts)
CELLS := $(CONFIG_DTS:.dts=.cell) $(TEST_DTS:.dts=.cell)
CELLC := tools/bulkhead-cellc

all: hypervisor driver tools configs inmates man x86

setup: $(SETUP)
$(SETUP):
	scripts/setup.sh

# A cache set up before tmux was part of it.
$(TMUX_ARM64): | $(SETUP)
	scripts/setup.sh

hypervisor:
	$(MAKE) -C hypervisor CROSS_COMPILE=$(CROSS_COMPILE)

# KDIR: the kernel to build against (default: the cached stock Debian kernel).
driver: $(SETUP)
	. ./$(KENV) && $(MAKE) -C $(if $(KDIR),$(KDIR),$$KDIR) M=$(CURDIR) ARCH=arm64 \
		CROSS_COMPILE=$(CROSS_COMPILE) modules

tools:
	$(MAKE) -C tools

# ---- The emulated PC (x86-64, scripts/pc-board.sh): everything in build/x86 ----
X86 := $(BUILD)/x86
X86_KENV := .cache/x86/kernel.env
X86_INITRD := $(X86)/initramfs.gz

# x86_links FILES: build/x86 mirrors FILES (paths from the top) by symbolic
# links. kbuild writes a module's objects next to its sources (6.1 has no
# output directory for them): so the x86 objects stay apart from arm64's.
x86_links = for f in $(1); do mkdir -p $(X86)/$$(dirname $$f) && ln -sfn $(CURDIR)/$$f $(X86)/$$f; done

hypervisor-x86:
	$(MAKE) -C hypervisor ARCH=x86 O=$(CURDIR)/$(X86)/hypervisor

# The module for the cached stock amd64 kernel, in build/x86/driver (the links
# refreshed each time: a file added to or removed from driver/ follows).
X86_DRIVER_SRC = Kbuild include $(shell find driver \( -name '*.[chS]' ! -name '*.mod.c' \) -o -name Kbuild -o -name '*.mk')
driver-x86: $(SETUP)
	mkdir -p $(X86)/driver && find $(X86)/driver -type l -delete
	$(call x86_links,$(X86_DRIVER_SRC))
	. ./$(X86_KENV) && $(MAKE) -C $(if $(KDIR_X86),$(KDIR_X86),$$KDIR) M=$(CURDIR)/$(X86) \
		ARCH=x86 CROSS_COMPILE= modules

# The test modules for the PC's root (tests/system/probe/Kbuild: probes-x86).
# Not the arm64 build's generated *.mod.c: kbuild would write through the links.
X86_PROBE := $(X86)/tests/system/probe
probe-x86: $(SETUP)
	mkdir -p $(X86_PROBE) && find $(X86_PROBE) -type l -delete
	$(call x86_links,include $(filter-out %.mod.c,$(wildcard tests/system/probe/*.c)) \
		tests/system/probe/Kbuild)
	. ./$(X86_KENV) && $(MAKE) -C $$KDIR M=$(CURDIR)/$(X86_PROBE) ARCH=x86 CROSS_COMPILE= modules

$(X86)/runas: tests/system/runas.c
	@mkdir -p $(@D)
	gcc -O2 -Wall -Wextra -Werror -static -o $@ $<

$(X86)/uvmcall: tests/system/uvmcall.c include/bulkhead/hypercall.h
	@mkdir -p $(@D)
	gcc -O2 -Wall -Wextra -Werror -Iinclude -static -o $@ $<

$(X86)/hvbench: $(HVBENCH_DEPS) tests/bench/counter-x86.c
	@mkdir -p $(@D)
	gcc $(HVBENCH_FLAGS) -o $@ $(HVBENCH_SRC) tests/bench/counter-x86.c

# The PC's parts: the hypervisor image, the module, hvctl (tools), the test
# modules, runas and uvmcall, the configs.
X86_PARTS := hypervisor-x86 driver-x86 tools probe-x86 $(X86)/runas $(X86)/uvmcall $(X86)/hvbench \
	     configs
x86: $(X86_PARTS)

# The PC's initramfs; scripts/pc-board.sh puts it on a CD with the kernel.
$(X86_INITRD): $(X86_PARTS) scripts/mkinitramfs-pc.sh scripts/board-init.sh scripts/board-demo-pc.sh \
	       $(wildcard tests/system/guest/*.sh) tests/system/boards/bochs-pc.env
	scripts/mkinitramfs-pc.sh $@

inmates:
	$(MAKE) -C inmates CROSS_COMPILE=$(CROSS_COMPILE)

man: tools
	@$(MAKE) --no-print-directory $(MAN_PAGES)
.PHONY: man

# The host's builds write them, whichever binaries are installed.
$(BUILD)/man/hvctl.8: tools/hvctl
$(BUILD)/man/bulkhead-cellc.1: tools/bulkhead-cellc
$(MAN_PAGES):
	@mkdir -p $(@D)
	SOURCE_DATE_EPOCH=$(MAN_DATE) $< --man > $@.tmp
	mv $@.tmp $@

# Test-only module that touches hypervisor memory from the root kernel.
probe: $(SETUP)
	. ./$(KENV) && $(MAKE) -C $$KDIR M=$(CURDIR)/tests/system/probe ARCH=arm64 \
		CROSS_COMPILE=$(CROSS_COMPILE) modules

tests/system/runas-arm64: tests/system/runas.c
	$(CROSS_COMPILE)gcc -O2 -Wall -Wextra -Werror -static -o $@ $<

tests/system/celltool-arm64: tests/system/celltool.c include/bulkhead/config.h include/bulkhead/ioctl.h \
			     hypervisor/sha256.c hypervisor/include/bulkhead/crypto.h
	$(CROSS_COMPILE)gcc -O2 -Wall -Wextra -Werror -Wno-unused-parameter -Iinclude -Ihypervisor/include \
		-DBULKHEAD_HOST_BUILD -static -o $@ $< hypervisor/sha256.c

tests/system/jsoncheck-arm64: tests/system/jsoncheck.c
	$(CROSS_COMPILE)gcc -O2 -Wall -Wextra -Werror -static -o $@ $<

tests/system/tpcheck-arm64: tests/system/tpcheck.c include/bulkhead/trace-events.h
	$(CROSS_COMPILE)gcc -O2 -Wall -Wextra -Werror -Iinclude -static -o $@ $<

tests/system/chantest-arm64: tests/system/chantest.c inmates/demos/arm64/channel-proto.h \
			     include/bulkhead/config.h include/bulkhead/hypercall.h \
			     include/bulkhead/ioctl.h
	$(CROSS_COMPILE)gcc -O2 -Wall -Wextra -Werror -Iinclude -static -o $@ $<

HVBENCH_SRC := tests/bench/hvbench.c hypervisor/sha256.c
HVBENCH_DEPS := $(HVBENCH_SRC) tests/bench/counter.h include/bulkhead/ioctl.h \
		hypervisor/include/bulkhead/crypto.h
HVBENCH_FLAGS := -O2 -Wall -Wextra -Werror -Wno-unused-parameter -Iinclude -Ihypervisor/include \
		 -DBULKHEAD_HOST_BUILD -static
tests/bench/hvbench-arm64: $(HVBENCH_DEPS) tests/bench/counter-arm64.c
	$(CROSS_COMPILE)gcc $(HVBENCH_FLAGS) -o $@ $(HVBENCH_SRC) tests/bench/counter-arm64.c

tests/bench/cpubound-arm64: tests/bench/cpubound.c
	$(CROSS_COMPILE)gcc -O2 -Wall -Wextra -Werror -static -o $@ $<

tests/bench/bootstamp-arm64: tests/bench/bootstamp.c
	$(CROSS_COMPILE)gcc -Os -Wall -Wextra -Werror -ffreestanding -nostdlib -static \
		-fno-stack-protector -Wl,--build-id=none -o $@ $<

%.cell: %.dts $(CELLC)
	$(CELLC) -o $@ $<

# The compiler first: a pattern rule whose prerequisite does not exist yet,
# and has no rule of its own, does not apply (make -j would say "no rule").
configs: tools
	@$(MAKE) --no-print-directory cells

cells: $(CELLS)

# QEMU runs it each time (about a second): the program is built by the
# recursive make of "inmates", which make cannot see into.
$(BOARD_BARE): $(BUILD)/board-bare-%.txt: all scripts/bare-board.sh
	@mkdir -p $(BUILD)
	scripts/bare-board.sh -k -e -n 2 -m 16M -t 30 inmates/board/board.$* > $@.tmp
	mv $@.tmp $@

$(INTEGRITY_SIGS): all
	@mkdir -p $(@D)
	$(SIGN_HELLO) $(if $(findstring count,$@),-s count=1,-s interval-ms=50) \
		--key tests/system/keys/$(if $(findstring other,$@),other,image).pem -o $@ > /dev/null

$(LINUX_CELL_INITRD): all tests/system/chantest-arm64 tests/bench/bootstamp-arm64 \
		      tests/bench/cpubound-arm64 scripts/mk-linux-cell-initramfs.sh \
		      $(wildcard scripts/linux-cell/*)
	@mkdir -p $(BUILD)
	scripts/mk-linux-cell-initramfs.sh $@

$(INITRD): all probe $(BOARD_BARE) $(LINUX_CELL_INITRD) $(INTEGRITY_SIGS) $(TMUX_ARM64) \
	   tests/system/runas-arm64 \
	   tests/system/celltool-arm64 tests/system/chantest-arm64 \
	   tests/system/jsoncheck-arm64 tests/system/tpcheck-arm64 \
	   tests/bench/hvbench-arm64 tests/bench/cpubound-arm64 tests/bench/bootstamp-arm64 \
	   scripts/mkinitramfs.sh scripts/board-init.sh \
	   $(wildcard tests/system/guest/*.sh) tests/system/boards/qemu-virt.env scripts/board-demo.sh \
	   tests/system/configs/*.dts
	@mkdir -p $(BUILD)
	scripts/mkinitramfs.sh $@

initramfs: $(INITRD)

run: $(INITRD)
	scripts/qemu-board.sh -i $(INITRD)

# The emulated PC, interactive: Bochs draws its screen here (about 3 minutes to the shell).
run-x86: $(X86_INITRD)
	scripts/pc-board.sh -i $(X86_INITRD)

demo: $(SETUP)
	$(MAKE) $(INITRD)
	scripts/qemu-board.sh -t 300 -l $(BUILD)/demo.log -r demo.sh $(INITRD)

# The same on the emulated PC (Bochs: about 3 minutes to boot).
demo-x86: $(SETUP)
	$(MAKE) $(X86_INITRD)
	scripts/pc-board.sh -t 1200 -l $(X86)/demo.log -r demo-pc.sh $(X86_INITRD)

unit-tests: tools configs
	$(MAKE) -C tests/unit run

system-tests: $(INITRD)
	tests/system/run.sh $(INITRD)

# X86_TEST_GROUPS (tests/system/guest/groups.sh) in one boot of the emulated PC.
system-tests-x86: $(SETUP)
	$(MAKE) $(X86_INITRD)
	tests/system/run.sh -b pc $(X86_INITRD)

check: $(SETUP)
	$(MAKE) all
	tests/run-all.sh

bench: $(SETUP)
	$(MAKE) $(INITRD) $(X86_INITRD)
	scripts/bench.sh

# Only the x86-64 figures (one boot of the emulated PC).
bench-x86: $(SETUP)
	$(MAKE) $(X86_INITRD)
	scripts/bench-pc.sh

# Each deliberate isolation bug of tests/mutants/mutants.txt must fail a system test.
mutation-check: $(SETUP)
	$(MAKE) $(INITRD) x86
	scripts/mutation-check.sh

# Debian packages for arm64 in build/deb/ (Documentation/packages.md).
deb: $(SETUP)
	scripts/mk-deb.sh

# What runs on the board, for a package or a board's root file system.
# HVCTL and CELLC choose the binaries (make deb: the static arm64 ones).
PREFIX ?= /usr/local
HVCTL ?= tools/hvctl
# bash-completion loads a command's completion from a file of its name.
COMPLETIONS := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
install: hypervisor tools man
	install -D -m 0755 $(HVCTL) $(DESTDIR)$(PREFIX)/sbin/hvctl
	install -D -m 0755 $(CELLC) $(DESTDIR)$(PREFIX)/bin/bulkhead-cellc
	install -D -m 0644 hypervisor/bulkhead.bin $(DESTDIR)/lib/firmware/bulkhead.bin
	install -D -m 0644 $(BUILD)/man/hvctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/hvctl.8
	install -D -m 0644 $(BUILD)/man/bulkhead-cellc.1 \
		$(DESTDIR)$(PREFIX)/share/man/man1/bulkhead-cellc.1
	install -D -m 0644 tools/bash-completion/hvctl $(COMPLETIONS)/hvctl
	ln -sf hvctl $(COMPLETIONS)/bulkhead-cellc
.PHONY: install

clean:
	$(MAKE) -C hypervisor clean
	$(MAKE) -C tools clean
	$(MAKE) -C inmates clean
	rm -f tests/system/runas-arm64 tests/system/celltool-arm64 tests/system/chantest-arm64 \
		tests/system/jsoncheck-arm64 tests/system/tpcheck-arm64 \
		tests/bench/hvbench-arm64 tests/bench/cpubound-arm64 tests/bench/bootstamp-arm64 \
		$(CELLS)
	rm -rf $(BUILD) tests/system/probe/*.o tests/system/probe/*.ko driver/*.o driver/*.ko driver/*.mod* driver/.*.cmd driver/modules.order \
		driver/arch/*/*.o driver/arch/*/.*.cmd \
		driver/cell/*.o driver/cell/*.ko driver/cell/*.mod* driver/cell/.*.cmd driver/cell/modules.order \
		.*.cmd Module.symvers modules.order

.PHONY: all setup hypervisor driver tools inmates probe configs cells initramfs run demo unit-tests system-tests \
	check bench mutation-check deb install clean x86 hypervisor-x86 driver-x86 probe-x86 run-x86 \
	demo-x86 system-tests-x86 bench-x86
