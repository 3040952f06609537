// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl on arm64 (hvctl.h, struct hvctl_arch_desc): the board's own device
 * tree is the default for the commands that read one, and a CPU's mode is
 * the exception level the hypervisor runs at, with stage 2 on or off.
 */
#include <stdio.h>

#include "../hvctl.h"

static void arm64_cpu_mode(__u32 mode, char *buf, size_t len)
{
	snprintf(buf, len, "%s  stage-2 %s", mode ? bulkhead_cpu_level_name(mode) : "-",
		 mode & BULKHEAD_CPU_MODE_STAGE2 ? "on" : "off");
}

const struct hvctl_arch_desc hvctl_arch = {
	.id = BULKHEAD_ARCH_ARM64,
	.enable_enodev = "no hypervisor mode: Linux was not started at EL2, or KVM owns EL2; "
			 "boot the kernel at EL2 with 'kvm-arm.mode=none' on its command line",
	.cpu_mode = arm64_cpu_mode,
	.board_fdt = "/sys/firmware/fdt",
};
