// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated PC's vtx group: a user process of the root makes a hypercall
 * itself (VMCALL with RAX = BULKHEAD_HC_CPU_GET_INFO, as the driver would).
 * Only the root's kernel may call: the hypervisor must answer #UD, which
 * Linux turns into SIGILL. Prints "sigill", or "answered RESULT" if the
 * hypervisor answered (then exits 1).
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <bulkhead/hypercall.h>

static void on_sigill(int sig)
{
	static const char msg[] = "sigill\n";

	(void)sig;
	write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	_exit(0);
}

int main(void)
{
	long result = BULKHEAD_HC_CPU_GET_INFO;

	signal(SIGILL, on_sigill);
	asm volatile("vmcall" : "+a"(result) : "D"(0L), "S"((long)BULKHEAD_CPU_INFO_STATE), "d"(0L)
		     : "memory");
	printf("answered %ld\n", result);
	return 1;
}
