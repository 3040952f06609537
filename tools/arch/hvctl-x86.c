// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl on x86-64 (hvctl.h, struct hvctl_arch_desc): a PC has no device
 * tree, so the commands that read the machine's own say they are arm64 tools
 * (they still work on an arm64 board's files given with --board);
 * second-stage translation is EPT.
 */
#include "../hvctl.h"

const struct hvctl_arch_desc hvctl_arch = {
	.id = BULKHEAD_ARCH_X86_64,
	.enable_enodev = "no hardware virtualization: VT-x or EPT is missing or disabled by the "
			 "firmware, or KVM holds it (rmmod kvm_intel); the kernel log says which",
	.stage2_name = "EPT",
	.board_fdt = NULL,
};
