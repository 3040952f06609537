// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl on arm64 (hvctl.h, struct hvctl_arch_desc): the board's own device
 * tree is the default for the commands that read one; second-stage
 * translation is "stage 2".
 */
#include "../hvctl.h"

const struct hvctl_arch_desc hvctl_arch = {
	.id = BULKHEAD_ARCH_ARM64,
	.enable_enodev = "no hypervisor mode: Linux was not started at EL2, or KVM owns EL2; "
			 "boot the kernel at EL2 with 'kvm-arm.mode=none' on its command line",
	.stage2_name = "stage-2",
	.board_fdt = "/sys/firmware/fdt",
};
