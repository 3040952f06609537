# SPDX-License-Identifier: BSD-2-Clause
#
# Build rules for Bulkhead inmates, shared by inmates/Makefile and by
# inmates built out of tree (see Documentation/inmates.md):
#
#   make -f /path/to/bulkhead/inmates/inmate.mk INMATE=myapp SRCS="myapp.c util.c"
#
# or, in a Makefile of your own:
#
#   INMATE := myapp
#   SRCS := myapp.c util.c
#   include /path/to/bulkhead/inmates/inmate.mk
#
# builds myapp.elf and the loadable flat image myapp.bin in the current
# directory (the library is built in the Bulkhead tree first if needed).
#
# Variables: CROSS_COMPILE (aarch64-linux-gnu-), INMATE_BASE (address the
# image is linked for, default 0: the start of the cell's RAM), EXTRA_CFLAGS.

INMATES_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
BULKHEAD_INCLUDE ?= $(abspath $(INMATES_DIR)/../include)

CROSS_COMPILE ?= aarch64-linux-gnu-
INMATE_ARCH ?= arm64
INMATE_BASE ?= 0

INMATE_CC := $(CROSS_COMPILE)gcc
INMATE_LD := $(CROSS_COMPILE)ld
INMATE_AR := $(CROSS_COMPILE)ar
INMATE_OBJCOPY := $(CROSS_COMPILE)objcopy

INMATE_LIB := $(INMATES_DIR)/lib/$(INMATE_ARCH)/libinmate.a
INMATE_LDS := $(INMATES_DIR)/lib/$(INMATE_ARCH)/inmate.lds

# Freestanding, no FP/SIMD registers (a cell starts with them trapped), no
# unaligned accesses (with the MMU off all memory is Device memory).
INMATE_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -isystem $(shell $(INMATE_CC) -print-file-name=include) \
	-fno-pic -fno-pie -fno-common -fno-strict-aliasing -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -mbranch-protection=none \
	-I$(INMATES_DIR)/lib/include -I$(INMATES_DIR)/lib/$(INMATE_ARCH)/include \
	-I$(BULKHEAD_INCLUDE) $(EXTRA_CFLAGS)
INMATE_ASFLAGS := $(INMATE_CFLAGS) -D__ASSEMBLY__

INMATE_LDFLAGS := -nostdlib -static --build-id=none --orphan-handling=error \
	-T $(INMATE_LDS) \
	$(shell $(INMATE_LD) --no-warn-rwx-segments -v >/dev/null 2>&1 && \
		echo --no-warn-rwx-segments)

# Compiler helpers (128-bit division and the like), should code need them.
INMATE_LIBGCC := $(shell $(INMATE_CC) -print-libgcc-file-name)

# $(inmate_link): links the .o prerequisites with the library into $@, for
# the address INMATE_BASE (a target-specific value works). The symbol must
# be defined before the linker script tests it.
inmate_link = $(INMATE_LD) --defsym=__inmate_base=$(INMATE_BASE) $(INMATE_LDFLAGS) \
	-o $@ $(filter %.o,$^) $(INMATE_LIB) $(INMATE_LIBGCC)

%.o: %.c
	$(INMATE_CC) $(INMATE_CFLAGS) -MMD -MP -c -o $@ $<

%.o: %.S
	$(INMATE_CC) $(INMATE_ASFLAGS) -MMD -MP -c -o $@ $<

%.bin: %.elf
	$(INMATE_OBJCOPY) -O binary $< $@

ifneq ($(INMATE),)
# One inmate, out of tree.
SRCS ?= $(INMATE).c
INMATE_OBJS := $(addsuffix .o,$(basename $(SRCS)))

all: $(INMATE).bin

$(INMATE).elf: $(INMATE_OBJS) $(INMATE_LIB) $(INMATE_LDS)
	$(inmate_link)

# In a Bulkhead tree the library belongs to it: let its Makefile decide
# whether it is up to date. An installed SDK (bulkhead-sdk) ships it built.
ifneq ($(wildcard $(INMATES_DIR)/Makefile),)
$(INMATE_LIB): inmate-lib-force
	$(MAKE) -C $(INMATES_DIR) lib CROSS_COMPILE=$(CROSS_COMPILE) INMATE= SRCS= EXTRA_CFLAGS=
endif

clean:
	rm -f $(INMATE).elf $(INMATE).bin $(INMATE_OBJS) $(INMATE_OBJS:.o=.d)

-include $(INMATE_OBJS:.o=.d)

.PHONY: all clean inmate-lib-force
endif
