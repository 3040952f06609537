/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the arm64 system register accessors: the real header's
 * constants, but mrs/msr go to a fake register file (hv_fakes.c) keyed by
 * the register's encoded name ("S3_4_C12_C11_0" for ICH_HCR_EL2), and the
 * barriers, meaningless on one host thread, compile to nothing.
 */
#ifndef _UNIT_ASM_SYSREGS_H
#define _UNIT_ASM_SYSREGS_H

#include_next <asm/sysregs.h>

#undef read_sysreg
#undef write_sysreg
#undef isb
#undef dsb
#undef wfe
#undef sev

unsigned long fake_read_sysreg(const char *name);
void fake_write_sysreg(const char *name, unsigned long val);

#define read_sysreg(reg)	fake_read_sysreg(__stringify(reg))
#define write_sysreg(val, reg)	fake_write_sysreg(__stringify(reg), (unsigned long)(val))
#define isb()			do { } while (0)
#define dsb(opt)		do { } while (0)
#define wfe()			do { } while (0)
#define sev()			do { } while (0)

#endif /* !_UNIT_ASM_SYSREGS_H */
