/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layout of the hypervisor image, for each arch's hypervisor.lds.S. It is
 * linked at HV_VIRT_BASE and loaded at the start of hypervisor memory; the
 * header comes first so the driver finds it at offset 0. W^X: text,
 * read-only data and writable data each start on a page so they can be
 * mapped with their own rights.
 */
SECTIONS
{
	. = HV_VIRT_BASE;
	.header : { KEEP(*(.header)) }

	. = ALIGN(4096);
	__text_start = .;
	.text : { *(.text .text.*) }
	. = ALIGN(4096);
	__text_end = .;

	.rodata : { *(.rodata .rodata.*) }
	. = ALIGN(4096);
	__rodata_end = .;

	.data : { *(.data .data.*) }

	/* Zeroed by the driver, not stored in bulkhead.bin. */
	. = ALIGN(4096);
	.console (NOLOAD) : { *(.console) }
	. = ALIGN(4096);
	__console_size = . - ADDR(.console);
	.bss (NOLOAD) : { *(.bss .bss.*) *(COMMON) }
	. = ALIGN(4096);
	__image_end = .;
	__core_size = __image_end - HV_VIRT_BASE;

	/DISCARD/ : { *(.comment) *(.note .note.*) *(.eh_frame*) *(.interp) *(.dynamic) }
}
