/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixed-width types for the freestanding hypervisor. The same names as in
 * Linux, so that the shared ABI headers (include/bulkhead/) compile here.
 */
#ifndef _BULKHEAD_TYPES_H
#define _BULKHEAD_TYPES_H

#ifdef BULKHEAD_HOST_BUILD
/* Host tools and unit tests compile pure hypervisor files against libc. */
#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;
typedef unsigned long paddr_t;
#else
typedef signed char s8;
typedef unsigned char u8;
typedef signed short s16;
typedef unsigned short u16;
typedef signed int s32;
typedef unsigned int u32;
typedef signed long long s64;
typedef unsigned long long u64;

typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;

typedef unsigned long paddr_t;
typedef unsigned long size_t;
typedef long ssize_t;
typedef _Bool bool;

#define true	1
#define false	0
#define NULL	((void *)0)
#define offsetof(t, m)		__builtin_offsetof(t, m)
#endif

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)		(((x) + (a) - 1) & ~((unsigned long)(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((unsigned long)(a) - 1)) == 0)
#define BIT(n)			(1UL << (n))
#define BIT_ULL(n)		(1ULL << (n))
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), #cond)
#define __packed		__attribute__((packed))
#define __aligned(n)		__attribute__((aligned(n)))
#define __section(s)		__attribute__((section(s)))
#define __noreturn		__attribute__((noreturn))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __used			__attribute__((used))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#endif /* !_BULKHEAD_TYPES_H */
