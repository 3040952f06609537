/* SPDX-License-Identifier: BSD-2-Clause */
/* Host stand-in for the arm64 helpers: the pure library code needs none. */
#ifndef _INMATE_ARCH_H
#define _INMATE_ARCH_H
#endif /* !_INMATE_ARCH_H */
