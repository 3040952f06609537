// SPDX-License-Identifier: GPL-2.0
/*
 * The first program a benchmarked Linux runs (its /init): reads the
 * virtual counter as its very first instruction, prints
 * "BENCH first_user_insn_cntvct VALUE FREQ" on the console and hands over to
 * the real init, argv[1] (default /sbin/init), with the same arguments.
 * Built without a C library, so nothing runs before the read. The root
 * compares VALUE with the counter it read when it started the cell: the
 * boot time of the cell's Linux up to its first user-space instruction.
 */
#include <asm/unistd.h>

#define STDOUT	1

static long syscall3(long nr, long a, long b, long c)
{
	register long x8 asm("x8") = nr;
	register long x0 asm("x0") = a;
	register long x1 asm("x1") = b;
	register long x2 asm("x2") = c;

	asm volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}

/* Decimal digits of @value at the end of @buf; returns where they start. */
static char *decimal(char *end, unsigned long value)
{
	do {
		*--end = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	return end;
}

static unsigned long str_len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void put(const char *s)
{
	syscall3(__NR_write, STDOUT, (long)s, (long)str_len(s));
}

void stamp_main(unsigned long counter, long argc, char **argv)
{
	static char *default_argv[] = { "/sbin/init", 0 };
	char buf[24], freq_buf[24];
	unsigned long freq;
	char **envp = argv + argc + 1;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	buf[sizeof(buf) - 1] = 0;
	freq_buf[sizeof(freq_buf) - 1] = 0;
	put("BENCH first_user_insn_cntvct ");
	put(decimal(buf + sizeof(buf) - 1, counter));
	put(" ");
	put(decimal(freq_buf + sizeof(freq_buf) - 1, freq));
	put("\n");
	if (argc > 1)
		argv++;
	else
		argv = default_argv;
	syscall3(__NR_execve, (long)argv[0], (long)argv, (long)envp);
	put("bootstamp: cannot run the init\n");
	syscall3(__NR_exit, 127, 0, 0);
}

/* The kernel enters here with sp at argc, argv[], NULL, envp[]. */
asm(".global _start\n"
    "_start:\n"
    "	mrs	x0, cntvct_el0\n"
    "	ldr	x1, [sp]\n"
    "	add	x2, sp, #8\n"
    "	and	sp, x2, #~15\n"
    "	bl	stamp_main\n"
    "	b	.\n");
