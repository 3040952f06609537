/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead hypercall ABI, shared by driver, hypervisor and inmates.
 *
 * arm64: "hvc #0" with x0 = BULKHEAD_HC_ARM64_BASE | code, arguments in x1
 * and x2, result in x0 (SMCCC vendor-specific hypervisor service range, fast
 * call, 64-bit). A result below zero is a negated errno value (EPERM = 1,
 * EINVAL = 22, ...). Unknown codes return -ENOSYS.
 */
#ifndef _BULKHEAD_HYPERCALL_H
#define _BULKHEAD_HYPERCALL_H

#define BULKHEAD_HC_ARM64_BASE		0xc6000000

/* Root cell only: every CPU leaves the hypervisor; call on each online CPU. */
#define BULKHEAD_HC_DISABLE		0
/* x1 = BULKHEAD_INFO_*: system-wide facts. */
#define BULKHEAD_HC_GET_INFO		1
/* x1 = CPU id, x2 = BULKHEAD_CPU_INFO_*: one CPU's state and counters. */
#define BULKHEAD_HC_CPU_GET_INFO	2
/*
 * Cell management, root cell only. x1 = cell id unless noted. A cell is
 * created shut down; SET_LOADABLE maps its loadable regions into the root
 * until START, which runs its first CPU at the config's entry.
 */
/* x1 = physical address of a cell config in root RAM, x2 = its size. Returns the id. */
#define BULKHEAD_HC_CELL_CREATE		3
#define BULKHEAD_HC_CELL_SET_LOADABLE	4
#define BULKHEAD_HC_CELL_START		5
/* Returns 0 or BULKHEAD_SHUTDOWN_*; -EBUSY if the cell denied the request. */
#define BULKHEAD_HC_CELL_SHUTDOWN	6
#define BULKHEAD_HC_CELL_DESTROY	7
/* x2 = BULKHEAD_CELL_INFO_*. */
#define BULKHEAD_HC_CELL_GET_INFO	8
/* Any cell: x1 = up to 8 bytes of text, first byte lowest, ending at a NUL. */
#define BULKHEAD_HC_CONSOLE_WRITE	9
/*
 * Non-root cells: the calling CPU took an exception it cannot handle, which
 * the arguments describe in the arch's terms (arm64: x1 = ESR_EL1, x2 =
 * ELR_EL1; x86-64, once it has such cells: rsi = vector << 32 | error code,
 * rdx = rip). It is stopped and the cell marked failed.
 */
#define BULKHEAD_HC_CPU_FAULT		10
/*
 * Any cell, x1 = index of one of its channels in its config: raises the
 * peer's doorbell interrupt. -EINVAL: no such channel; -EPERM: the policy
 * does not let this side ring, or the peer takes no doorbells; -ENOTCONN:
 * the peer is not running.
 */
#define BULKHEAD_HC_CHANNEL_RING	11
/*
 * x1 = (cell id << 16) | channel index, x2 = BULKHEAD_CHANNEL_INFO_*. The
 * root may ask about any cell's channels, other cells about their own only.
 */
#define BULKHEAD_HC_CHANNEL_GET_INFO	12
/*
 * Root cell only, arguments as for CELL_CREATE: runs every check a create
 * would (but that the cell's CPUs are offline in the root) and creates
 * nothing. 0 if the create could go ahead, else the error it would return.
 */
#define BULKHEAD_HC_CELL_CHECK		13
/*
 * Root cell only, x1 = cell id, x2 = physical address in root RAM of a
 * struct bulkhead_boot_params (bulkhead/boot.h): how the loaded cell starts. Until the next
 * SET_LOADABLE, START and every restart use it instead of the config's
 * entry with x0 = the communication region's address; a cell with an
 * image store gets its segments copied back before each restart.
 */
#define BULKHEAD_HC_CELL_SET_BOOT	14
/*
 * Root cell only, x1 = cell id | (number of bytes, 1..8) << 32, x2 = the
 * bytes, first lowest: typed into the cell's emulated UART. Returns the
 * number it took (its receive FIFO may be full); -ENODEV: it has none.
 */
#define BULKHEAD_HC_CONSOLE_INPUT	15
/*
 * Root cell only, x1 = physical address of one page of root RAM, x2 = the
 * sequence number of the first event wanted: copies the events from there
 * on that the ring still holds (struct bulkhead_event, bulkhead/event.h),
 * as many as fit, and returns how many. The first one copied may come
 * later than x2 asked: the ring lost the ones between.
 */
#define BULKHEAD_HC_EVENTS_READ		16
/*
 * Root cell only, A/B updates of a running cell with an image store,
 * x1 = cell id | BULKHEAD_UPDATE_* << 32, x2 as the operation says.
 */
#define BULKHEAD_HC_CELL_UPDATE		17
/* Root cell only: the hypervisor's trace rings, operations in bulkhead/trace.h. */
#define BULKHEAD_HC_TRACE		18
#define BULKHEAD_HC_COUNT		19
/*
 * Test images only (built with TEST_FAULTS=1 for make check's fault boards):
 * the root makes the hypervisor take an exception at EL2 on purpose, x1 =
 * BULKHEAD_TEST_FAULT_*. Every other image answers it as an unknown code.
 */
#define BULKHEAD_HC_TEST_FAULT		0xfff0
#define BULKHEAD_TEST_FAULT_ABORT	1	/* a load from an unmapped address */
#define BULKHEAD_TEST_FAULT_LOCKED	2	/* the same, with the console lock held */
#define BULKHEAD_TEST_FAULT_STACK	3	/* the stack runs into its guard page */

/* Driver only, to the bootstrap vectors during enable: x1 = CPU id. */
#define BULKHEAD_HC_ENTER		0xffff


/* BULKHEAD_HC_GET_INFO types */
#define BULKHEAD_INFO_VERSION		0	/* hypervisor version, see below */
#define BULKHEAD_INFO_POOL_PAGES	1	/* page pool size, in pages */
#define BULKHEAD_INFO_POOL_USED		2	/* page pool pages in use */
#define BULKHEAD_INFO_NUM_CELLS		3
#define BULKHEAD_INFO_NUM_CPUS		4	/* CPUs under the hypervisor */
#define BULKHEAD_INFO_MAX_CELLS		5	/* cells besides the root */
/* How long the last enable took inside the hypervisor, in ns of the counter: */
#define BULKHEAD_INFO_ENABLE_INIT_NS	6	/* the first CPU's shared set-up */
#define BULKHEAD_INFO_ENABLE_NS		7	/* first CPU's entry until all are in */
/* Memory zeroed as it changed owner since enable (destroy, load), and the time it took: */
#define BULKHEAD_INFO_SCRUB_BYTES	8
#define BULKHEAD_INFO_SCRUB_NS		9

#define BULKHEAD_VERSION(major, minor, patch) (((major) << 16) | ((minor) << 8) | (patch))
#define BULKHEAD_VERSION_MAJOR(v)	(((v) >> 16) & 0xff)
#define BULKHEAD_VERSION_MINOR(v)	(((v) >> 8) & 0xff)
#define BULKHEAD_VERSION_PATCH(v)	((v) & 0xff)

/* BULKHEAD_HC_CPU_GET_INFO types */
#define BULKHEAD_CPU_INFO_STATE		0	/* BULKHEAD_CPU_* */
/*
 * The calling CPU only: a live read of its privilege state,
 * BULKHEAD_CPU_MODE_* bits plus the hypervisor's privilege level in bits 3:0.
 */
#define BULKHEAD_CPU_INFO_MODE		1
#define BULKHEAD_CPU_INFO_CELL		2	/* id of the cell that owns it */
/* Exit counters: BULKHEAD_CPU_INFO_STAT_BASE + BULKHEAD_CPU_STAT_*. */
#define BULKHEAD_CPU_INFO_STAT_BASE	16

#define BULKHEAD_CPU_RUNNING		0
#define BULKHEAD_CPU_PARKED		1
#define BULKHEAD_CPU_FAILED		2

/*
 * Where the hypervisor runs, in its arch's terms: arm64 its exception level
 * (2: EL2); x86-64 BULKHEAD_CPU_MODE_VMX_ROOT (VMX root operation, ring 0).
 */
#define BULKHEAD_CPU_MODE_LEVEL_MASK	0xf
#define BULKHEAD_CPU_MODE_VMX_ROOT	4
/* Second-stage translation (stage 2 / EPT) is on for the cell on this CPU. */
#define BULKHEAD_CPU_MODE_STAGE2	0x10
/* Hypervisor's own address translation is on. */
#define BULKHEAD_CPU_MODE_MMU		0x20

/* entry.S includes this header for the numbers alone. */
#ifndef __ASSEMBLY__
/* The level of a BULKHEAD_CPU_INFO_MODE word as people read it: "EL2", "VMX-root". */
static inline const char *bulkhead_cpu_level_name(unsigned int mode)
{
	static const char *const names[] = { "EL0", "EL1", "EL2", "EL3", "VMX-root" };
	unsigned int level = mode & BULKHEAD_CPU_MODE_LEVEL_MASK;

	return level < sizeof(names) / sizeof(names[0]) ? names[level] : "unknown";
}
#endif

#define BULKHEAD_CPU_STAT_TOTAL		0	/* every exit to the hypervisor */
#define BULKHEAD_CPU_STAT_HYPERCALL	1
#define BULKHEAD_CPU_STAT_MMIO		2	/* stage-2 aborts (emulated or refused) */
#define BULKHEAD_CPU_STAT_PSCI		3
#define BULKHEAD_CPU_STAT_SYSREG	4	/* trapped system register accesses */
#define BULKHEAD_CPU_STAT_OTHER		5
#define BULKHEAD_CPU_STAT_IRQ		6	/* physical interrupts taken at EL2 */
#define BULKHEAD_CPU_STAT_MANAGEMENT	7	/* stop/start requests from the root */
#define BULKHEAD_CPU_STAT_SGI		8	/* IPIs the cell sent (trapped SGI writes) */
#define BULKHEAD_CPU_STAT_VIRQ		9	/* virtual interrupts injected */
#define BULKHEAD_CPU_STAT_MAINTENANCE	10	/* list register refills */
#define BULKHEAD_CPU_STAT_COUNT		11

/* BULKHEAD_HC_CELL_SHUTDOWN results besides 0 (stopped) */
/* The request is posted; call again until the cell answers or times out. */
#define BULKHEAD_SHUTDOWN_PENDING	1
/* The cell did not answer within its shutdown_timeout_ms: stopped anyway. */
#define BULKHEAD_SHUTDOWN_TIMED_OUT	2

/* BULKHEAD_HC_CELL_GET_INFO types */
#define BULKHEAD_CELL_INFO_STATE	0	/* BULKHEAD_CELL_STATE_* */
#define BULKHEAD_CELL_INFO_CPUS		1	/* CPU set */
#define BULKHEAD_CELL_INFO_FAILED_CPUS	2	/* CPUs stopped by a fault */
#define BULKHEAD_CELL_INFO_CONSOLE	3	/* phys. address of its console ring */
#define BULKHEAD_CELL_INFO_LOADABLE	4	/* 1 while the root may load it */
/* The first fault that failed the cell: */
#define BULKHEAD_CELL_INFO_FAULT	5	/* BULKHEAD_FAULT_* */
#define BULKHEAD_CELL_INFO_FAULT_CPU	6
#define BULKHEAD_CELL_INFO_FAULT_ADDR	7	/* guest-physical address (memory faults) */
#define BULKHEAD_CELL_INFO_FAULT_PC	8	/* the guest's pc (x86-64: rip) */
/*
 * Exceptions: the arch's syndrome (arm64: ESR; x86-64: as BULKHEAD_HC_CPU_FAULT
 * passes it); hypercalls: the code; arm64 SMCs: the function id.
 */
#define BULKHEAD_CELL_INFO_FAULT_DETAIL	9
/* Messages it caused that went to its own console only (rate limit), since create. */
#define BULKHEAD_CELL_INFO_SUPPRESSED	10
/* Times it restarted itself (PSCI SYSTEM_RESET), since create. */
#define BULKHEAD_CELL_INFO_RESTARTS	11
/* Counted since create: */
#define BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES	12
#define BULKHEAD_CELL_INFO_FAULTS	13	/* faults (each may stop a CPU) */
#define BULKHEAD_CELL_INFO_ROLLBACKS	14
#define BULKHEAD_CELL_INFO_UPDATES	15	/* updates committed */
#define BULKHEAD_CELL_INFO_UPDATE_STATE	16	/* BULKHEAD_UPDATE_STATE_* */

/*
 * BULKHEAD_HC_CELL_UPDATE operations. The store holds the images the cell
 * runs; the rest of it takes the new ones (one after the other, each at a
 * multiple of BULKHEAD_STORE_ALIGN bytes, as a start keeps them).
 */
/*
 * x2 = bytes the new images take: a staging area of that size in the part of
 * the store the running images leave free is scrubbed and mapped into the
 * root, writable, where it lies. Returns its physical address.
 */
#define BULKHEAD_UPDATE_OPEN		1
/*
 * x2 = physical address in root RAM of the new images' struct
 * bulkhead_boot_params: the staging area leaves the root, its images are
 * checked, then the cell stops, its RAM is scrubbed, the new images are
 * copied in and it starts on probation. Any refusal leaves it running as
 * before, and closes the staging area.
 */
#define BULKHEAD_UPDATE_SWITCH		2
/* Closes the staging area (unmapped from the root, scrubbed). x2 = 0. */
#define BULKHEAD_UPDATE_ABORT		3
/* x2 = BULKHEAD_UPDATE_INFO_*: one fact about the cell's update. */
#define BULKHEAD_UPDATE_INFO		4

/* BULKHEAD_UPDATE_INFO types; offsets and sizes in the image store, in bytes. */
#define BULKHEAD_UPDATE_INFO_STATE		0	/* BULKHEAD_UPDATE_STATE_* */
/* Why the last update rolled back: BULKHEAD_RESTART_* (bulkhead/event.h), or 0. */
#define BULKHEAD_UPDATE_INFO_CAUSE		1
#define BULKHEAD_UPDATE_INFO_PROBATION_LEFT_MS	2
#define BULKHEAD_UPDATE_INFO_STORE_SIZE		3
#define BULKHEAD_UPDATE_INFO_RUNNING_OFFSET	4	/* the images it runs and restarts from */
#define BULKHEAD_UPDATE_INFO_RUNNING_SIZE	5
/* While staging: the staging area. On probation: the previous images. Else 0. */
#define BULKHEAD_UPDATE_INFO_OTHER_OFFSET	6
#define BULKHEAD_UPDATE_INFO_OTHER_SIZE		7
#define BULKHEAD_UPDATE_INFO_PROBATION_MS	8	/* the config's, or the default */

/* BULKHEAD_CELL_INFO_UPDATE_STATE */
#define BULKHEAD_UPDATE_STATE_IDLE		0	/* no update since the root started it */
#define BULKHEAD_UPDATE_STATE_STAGING		1	/* the root writes new images */
#define BULKHEAD_UPDATE_STATE_PROBATION		2	/* the new images run, not yet trusted */
#define BULKHEAD_UPDATE_STATE_COMMITTED		3	/* the last update passed probation */
#define BULKHEAD_UPDATE_STATE_ROLLED_BACK	4	/* it failed: the previous images run */

#define BULKHEAD_CELL_STATE_SHUT_DOWN	0	/* created, or stopped */
#define BULKHEAD_CELL_STATE_RUNNING	1
#define BULKHEAD_CELL_STATE_FAILED	2

#define BULKHEAD_FAULT_NONE		0
#define BULKHEAD_FAULT_READ		1	/* read outside its memory */
#define BULKHEAD_FAULT_WRITE		2	/* write outside or to read-only memory */
#define BULKHEAD_FAULT_FETCH		3	/* instruction fetch from non-executable memory */
#define BULKHEAD_FAULT_HYPERCALL	4	/* a hypercall it may not issue */
#define BULKHEAD_FAULT_SMC		5	/* an SMC it may not issue */
#define BULKHEAD_FAULT_EXCEPTION	6	/* reported by the cell: HC_CPU_FAULT */
#define BULKHEAD_FAULT_TRAP		7	/* any other trap the hypervisor refuses */

/* BULKHEAD_HC_CHANNEL_GET_INFO types */
#define BULKHEAD_CHANNEL_INFO_PEER_STATE	0	/* BULKHEAD_PEER_* */
#define BULKHEAD_CHANNEL_INFO_RINGS_SENT	1	/* doorbells this side raised */
#define BULKHEAD_CHANNEL_INFO_RINGS_RECEIVED	2	/* doorbells raised at this side */
#define BULKHEAD_CHANNEL_INFO_PEER_EVENTS	3	/* peer state changes seen */
/* BULKHEAD_CHANNEL_RIGHT_* bits: what this side may do now, by policy and config. */
#define BULKHEAD_CHANNEL_INFO_RIGHTS		4

#define BULKHEAD_PEER_ABSENT		0	/* not created (or destroyed) */
#define BULKHEAD_PEER_DOWN		1	/* created, not running */
#define BULKHEAD_PEER_UP		2	/* running */
#define BULKHEAD_PEER_FAILED		3	/* stopped by a fault */

#define BULKHEAD_CHANNEL_RIGHT_WRITE	0x1	/* the memory is writable for this side */
#define BULKHEAD_CHANNEL_RIGHT_RING	0x2	/* this side may ring the peer */

#endif /* !_BULKHEAD_HYPERCALL_H */
