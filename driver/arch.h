/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver's architecture interface: what the common files (main.c,
 * hypervisor.c, cell.c, channel.c, ...) ask of driver/arch/<arch>/. Each
 * hook is declared and documented here once; Kbuild links the objects of
 * $(SRCARCH) only, so no common file has an #ifdef on the architecture.
 *
 * Besides these functions, each arch directory holds arch-hypercall.h
 * (found first on the include path) with the inline hypercall:
 *
 *   long bulkhead_hypercall(unsigned long code, unsigned long arg1, unsigned long arg2);
 *
 * arm64: "hvc #0", x0 = BULKHEAD_HC_ARM64_BASE | code, x1, x2, result in x0.
 * x86:   "vmcall", rax = code, rdi, rsi, rdx (zero), result in rax.
 * It is inline (channel doorbells and statistics call it often) and shared
 * with the cell module (driver/cell/), which has none of the hooks below.
 *
 * Enable runs, under bulkhead.lock:
 *   bulkhead_arch_check()                the CPU can host us, nobody else does
 *   (memory claimed, image + config copied in, header's common fields filled)
 *   bulkhead_arch_prepare(mem)           arch fields of the header, boot data
 *   bulkhead_arch_enter_cpu(mem) x CPUs  in IPI context, on each online CPU
 *   bulkhead_arch_release()              only if some CPU did not enter
 * Disable: bulkhead_arch_leave_cpu() on each CPU, then bulkhead_arch_release().
 *
 * CPU hotplug while enabled: on arm64 the hypervisor keeps a CPU Linux takes
 * offline (PSCI CPU_OFF and CPU_ON are trapped) and gives it back; on x86
 * the hypervisor handles the INIT-SIPI that brings it back, and disable
 * is refused while it is offline: see disable_needs_root_cpus_online.
 */
#ifndef _BULKHEAD_DRIVER_ARCH_H
#define _BULKHEAD_DRIVER_ARCH_H

#include <linux/device.h>
#include <linux/types.h>

struct bulkhead_arch_desc {
	/* BULKHEAD_ARCH_*: the arch configs and hypervisor images must name. */
	u16 id;
	/* For messages: "arm64", "x86". */
	const char *name;
	/* The hypervisor region: alignment of its start and size, largest size, and end limit. */
	u64 hv_mem_align;
	u64 hv_mem_max;
	u64 hv_mem_limit;
	/* How a user keeps RAM from Linux on this arch's boards, for the overlap error. */
	const char *reserve_hint;
	/* What a cell fault's detail value is, in cells/N/fault: "ESR", "exit reason". */
	const char *trap_detail;
	/*
	 * Disable needs every root CPU online. x86: a CPU Linux takes offline
	 * sleeps in HLT or MWAIT in the root, where no hypercall reaches it
	 * (the INIT-SIPI that brings it back goes through the hypervisor).
	 * arm64 parks an offline CPU in the hypervisor (PSCI CPU_OFF), which
	 * hands it to the firmware at disable.
	 */
	bool disable_needs_root_cpus_online;
};

extern const struct bulkhead_arch_desc bulkhead_arch;

/**
 * bulkhead_arch_check() - can this machine host the hypervisor now?
 *
 * Called once per enable, before any resource is claimed. Checks that the
 * CPU has the virtualization features the hypervisor needs and that nobody
 * else (KVM, firmware) holds or locked them; logs one line saying what is
 * missing and what the user can do about it. Changes nothing.
 *
 * Return: 0, or -ENODEV (or another -errno) after logging why.
 */
int bulkhead_arch_check(void);

/**
 * bulkhead_arch_prepare() - fill the arch part of the loaded image.
 * @mem: the hypervisor region, mapped write-combining at its physical base
 *       bulkhead.hv_phys; image at 0 (struct bulkhead_header), config at
 *       core_size, the header's common fields already filled.
 *
 * Sets hdr->arch_return and writes whatever boot data the arch's entry
 * needs into the region. Nothing has entered the hypervisor yet; a failure
 * leaves nothing behind.
 *
 * Return: 0 or -errno (logged).
 */
int bulkhead_arch_prepare(void *mem);

/**
 * bulkhead_arch_enter_cpu() - move the calling CPU into the hypervisor.
 * @mem: as for bulkhead_arch_prepare(); still mapped.
 *
 * Runs on every online CPU at once (on_each_cpu(), interrupts off). On
 * success the CPU continues as a CPU of the root cell, under the hypervisor.
 *
 * Return: 0, or -errno; the caller logs the hypervisor's console after a
 * failure, the hook logs a reason only the driver can know.
 */
int bulkhead_arch_enter_cpu(void *mem);

/**
 * bulkhead_arch_leave_cpu() - hand the calling CPU back to Linux.
 *
 * Runs on every online CPU at once (BULKHEAD_HC_DISABLE through the arch's
 * entry path: the hypervisor restores the CPU's state as Linux expects it).
 *
 * Return: 0, or nonzero when the hypervisor refused (the CPU stays under it).
 */
int bulkhead_arch_leave_cpu(void);

/**
 * bulkhead_arch_release() - free what bulkhead_arch_prepare() allocated in
 * the kernel, once no CPU is in the hypervisor (after a disable or a failed
 * enable).
 */
void bulkhead_arch_release(void);

/**
 * bulkhead_arch_map_irq() - Linux's interrupt number for a cell interrupt.
 * @intid: the interrupt as configs name it (arm64: a GICv3 SPI's INTID).
 * @what:  what it is for, e.g. "event_irq", for the log.
 * @created: set when the mapping is new; the caller disposes of it when done
 *           (irq_dispose_mapping()).
 *
 * Return: a Linux IRQ number (edge-triggered), or a negative errno after
 * logging @what, @intid and the reason.
 */
int bulkhead_arch_map_irq(unsigned int intid, const char *what, bool *created);

/**
 * bulkhead_arch_irq_in_use() - the Linux IRQ of @intid if a Linux driver has
 * requested it, else 0. Used to keep a cell's interrupts quiet in the root.
 */
unsigned int bulkhead_arch_irq_in_use(unsigned int intid);

/**
 * bulkhead_arch_counter() - the counter the hypervisor stamps trace records
 * with (arm64: CNTPCT, x86: the TSC), read now on this CPU.
 */
u64 bulkhead_arch_counter(void);

/*
 * Buses besides the platform bus whose devices a cell may take (arm64:
 * AMBA). Their drivers are unbound while the cell has the device's MMIO.
 */
struct bulkhead_arch_bus {
	struct bus_type *bus;
	/* Where the device keeps its driver_override. */
	const char **(*driver_override)(struct device *dev);
	/* Whether one of its MMIO resources overlaps [start, start + size). */
	bool (*overlaps)(struct device *dev, u64 start, u64 size);
};

/* bulkhead_arch_num_buses entries. */
extern const struct bulkhead_arch_bus bulkhead_arch_buses[];
extern const unsigned int bulkhead_arch_num_buses;

#endif /* !_BULKHEAD_DRIVER_ARCH_H */
