/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver's tracepoints, events/bulkhead/ in tracefs. Each record's
 * fields are declared in the order and with the types of its struct in
 * include/bulkhead/trace-events.h, which BPF programs read them through:
 * change both together (the tracepoints system test group compares them).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM bulkhead

#if !defined(_BULKHEAD_DRIVER_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _BULKHEAD_DRIVER_TRACE_H

#include <linux/tracepoint.h>

#include <bulkhead/event.h>
#include <bulkhead/trace.h>
#include <bulkhead/trace-events.h>

#define show_exit_reason(reason)						\
	__print_symbolic(reason, { BULKHEAD_EXIT_HYPERCALL, "hypercall" },	\
			 { BULKHEAD_EXIT_PSCI, "psci" }, { BULKHEAD_EXIT_SMCCC, "smccc" }, \
			 { BULKHEAD_EXIT_MMIO, "mmio" }, { BULKHEAD_EXIT_SYSREG, "sysreg" }, \
			 { BULKHEAD_EXIT_IRQ, "irq" }, { BULKHEAD_EXIT_ABORT, "abort" },	\
			 { BULKHEAD_EXIT_OTHER, "other" })

#define show_virq_source(source)						\
	__print_symbolic(source, { BULKHEAD_VIRQ_SOURCE_TIMER, "timer" },	\
			 { BULKHEAD_VIRQ_SOURCE_EXIT, "exit" })

#define show_cell_event(event)							\
	__print_symbolic(event, { BULKHEAD_EVENT_CREATED, "created" },		\
			 { BULKHEAD_EVENT_STARTED, "started" },			\
			 { BULKHEAD_EVENT_STOPPED, "stopped" },			\
			 { BULKHEAD_EVENT_FAULT, "fault" },			\
			 { BULKHEAD_EVENT_WATCHDOG, "watchdog" },		\
			 { BULKHEAD_EVENT_RESTARTED, "restarted" },		\
			 { BULKHEAD_EVENT_GAVE_UP, "gave-up" },			\
			 { BULKHEAD_EVENT_UPDATE_STARTED, "update-started" },	\
			 { BULKHEAD_EVENT_UPDATE_COMMITTED, "update-committed" }, \
			 { BULKHEAD_EVENT_ROLLED_BACK, "rolled-back" },		\
			 { BULKHEAD_EVENT_IMAGE_REFUSED, "image-refused" },	\
			 { BULKHEAD_EVENT_DESTROYED, "destroyed" })

#define show_hotplug_step(step)							\
	__print_symbolic(step, { BULKHEAD_HOTPLUG_OFFLINE_BEGIN, "offline-begin" }, \
			 { BULKHEAD_HOTPLUG_OFFLINE_END, "offline-end" },	\
			 { BULKHEAD_HOTPLUG_ONLINE_BEGIN, "online-begin" },	\
			 { BULKHEAD_HOTPLUG_ONLINE_END, "online-end" })

#define show_cell_op(op)							\
	__print_symbolic(op, { BULKHEAD_CELL_OP_CREATE, "create" },		\
			 { BULKHEAD_CELL_OP_LOAD, "load" }, { BULKHEAD_CELL_OP_START, "start" }, \
			 { BULKHEAD_CELL_OP_SHUTDOWN, "shutdown" },		\
			 { BULKHEAD_CELL_OP_DESTROY, "destroy" },		\
			 { BULKHEAD_CELL_OP_UPDATE, "update" })

TRACE_EVENT(hv_exit,
	TP_PROTO(u64 time_ns, u64 detail, u32 duration_ns, u16 cell, u16 cpu, u8 reason),
	TP_ARGS(time_ns, detail, duration_ns, cell, cpu, reason),
	TP_STRUCT__entry(
		__field(u64, time_ns)
		__field(u64, detail)
		__field(u32, duration_ns)
		__field(u16, cell)
		__field(u16, cpu)
		__field(u8, reason)
	),
	TP_fast_assign(
		__entry->time_ns = time_ns;
		__entry->detail = detail;
		__entry->duration_ns = duration_ns;
		__entry->cell = cell;
		__entry->cpu = cpu;
		__entry->reason = reason;
	),
	TP_printk("cell=%u cpu=%u reason=%s detail=0x%llx time_ns=%llu duration_ns=%u",
		  __entry->cell, __entry->cpu, show_exit_reason(__entry->reason),
		  __entry->detail, __entry->time_ns, __entry->duration_ns)
);

TRACE_EVENT(hv_virq,
	TP_PROTO(u64 time_ns, u32 latency_ns, u32 intid, u16 cell, u16 cpu, u8 source),
	TP_ARGS(time_ns, latency_ns, intid, cell, cpu, source),
	TP_STRUCT__entry(
		__field(u64, time_ns)
		__field(u32, latency_ns)
		__field(u32, intid)
		__field(u16, cell)
		__field(u16, cpu)
		__field(u8, source)
	),
	TP_fast_assign(
		__entry->time_ns = time_ns;
		__entry->latency_ns = latency_ns;
		__entry->intid = intid;
		__entry->cell = cell;
		__entry->cpu = cpu;
		__entry->source = source;
	),
	TP_printk("cell=%u cpu=%u intid=%u source=%s time_ns=%llu latency_ns=%u",
		  __entry->cell, __entry->cpu, __entry->intid, show_virq_source(__entry->source),
		  __entry->time_ns, __entry->latency_ns)
);

TRACE_EVENT(hv_cell,
	TP_PROTO(u64 time_ns, u64 detail, u32 detail2, u16 cell, u16 cpu, u8 event),
	TP_ARGS(time_ns, detail, detail2, cell, cpu, event),
	TP_STRUCT__entry(
		__field(u64, time_ns)
		__field(u64, detail)
		__field(u32, detail2)
		__field(u16, cell)
		__field(u16, cpu)
		__field(u8, event)
	),
	TP_fast_assign(
		__entry->time_ns = time_ns;
		__entry->detail = detail;
		__entry->detail2 = detail2;
		__entry->cell = cell;
		__entry->cpu = cpu;
		__entry->event = event;
	),
	TP_printk("cell=%u cpu=%u event=%s detail=0x%llx detail2=0x%x time_ns=%llu",
		  __entry->cell, __entry->cpu, show_cell_event(__entry->event), __entry->detail,
		  __entry->detail2, __entry->time_ns)
);

TRACE_EVENT(hv_doorbell,
	TP_PROTO(u64 time_ns, s32 result, u16 cell, u16 cpu, u16 channel, u16 peer,
		 u16 peer_channel),
	TP_ARGS(time_ns, result, cell, cpu, channel, peer, peer_channel),
	TP_STRUCT__entry(
		__field(u64, time_ns)
		__field(s32, result)
		__field(u16, cell)
		__field(u16, cpu)
		__field(u16, channel)
		__field(u16, peer)
		__field(u16, peer_channel)
	),
	TP_fast_assign(
		__entry->time_ns = time_ns;
		__entry->result = result;
		__entry->cell = cell;
		__entry->cpu = cpu;
		__entry->channel = channel;
		__entry->peer = peer;
		__entry->peer_channel = peer_channel;
	),
	TP_printk("cell=%u cpu=%u channel=%u peer=%u peer_channel=%u result=%d time_ns=%llu",
		  __entry->cell, __entry->cpu, __entry->channel, __entry->peer,
		  __entry->peer_channel, __entry->result, __entry->time_ns)
);

TRACE_EVENT(hv_lost,
	TP_PROTO(u64 lost, u64 seq, u16 cpu),
	TP_ARGS(lost, seq, cpu),
	TP_STRUCT__entry(
		__field(u64, lost)
		__field(u64, seq)
		__field(u16, cpu)
	),
	TP_fast_assign(
		__entry->lost = lost;
		__entry->seq = seq;
		__entry->cpu = cpu;
	),
	TP_printk("cpu=%u lost=%llu before seq=%llu", __entry->cpu, __entry->lost, __entry->seq)
);

TRACE_EVENT(drv_ioctl,
	TP_PROTO(u64 duration_ns, u32 cmd, s32 result, s32 cell),
	TP_ARGS(duration_ns, cmd, result, cell),
	TP_STRUCT__entry(
		__field(u64, duration_ns)
		__field(u32, cmd)
		__field(s32, result)
		__field(s32, cell)
	),
	TP_fast_assign(
		__entry->duration_ns = duration_ns;
		__entry->cmd = cmd;
		__entry->result = result;
		__entry->cell = cell;
	),
	TP_printk("cmd=0x%x nr=%u cell=%d result=%d duration_ns=%llu", __entry->cmd,
		  _IOC_NR(__entry->cmd), __entry->cell, __entry->result, __entry->duration_ns)
);

TRACE_EVENT(drv_hotplug,
	TP_PROTO(s32 result, u16 cpu, u16 cell, u8 step),
	TP_ARGS(result, cpu, cell, step),
	TP_STRUCT__entry(
		__field(s32, result)
		__field(u16, cpu)
		__field(u16, cell)
		__field(u8, step)
	),
	TP_fast_assign(
		__entry->result = result;
		__entry->cpu = cpu;
		__entry->cell = cell;
		__entry->step = step;
	),
	TP_printk("cpu=%u cell=%u step=%s result=%d", __entry->cpu, __entry->cell,
		  show_hotplug_step(__entry->step), __entry->result)
);

TRACE_EVENT(drv_doorbell,
	TP_PROTO(u16 cell, u16 channel),
	TP_ARGS(cell, channel),
	TP_STRUCT__entry(
		__field(u16, cell)
		__field(u16, channel)
	),
	TP_fast_assign(
		__entry->cell = cell;
		__entry->channel = channel;
	),
	TP_printk("cell=%u channel=%u", __entry->cell, __entry->channel)
);

TRACE_EVENT(drv_doorbell_wake,
	TP_PROTO(u64 latency_ns, u16 cell, u16 channel),
	TP_ARGS(latency_ns, cell, channel),
	TP_STRUCT__entry(
		__field(u64, latency_ns)
		__field(u16, cell)
		__field(u16, channel)
	),
	TP_fast_assign(
		__entry->latency_ns = latency_ns;
		__entry->cell = cell;
		__entry->channel = channel;
	),
	TP_printk("cell=%u channel=%u latency_ns=%llu", __entry->cell, __entry->channel,
		  __entry->latency_ns)
);

TRACE_EVENT(drv_cell,
	TP_PROTO(s32 result, u16 cell, u8 op),
	TP_ARGS(result, cell, op),
	TP_STRUCT__entry(
		__field(s32, result)
		__field(u16, cell)
		__field(u8, op)
	),
	TP_fast_assign(
		__entry->result = result;
		__entry->cell = cell;
		__entry->op = op;
	),
	TP_printk("cell=%u op=%s result=%d", __entry->cell, show_cell_op(__entry->op),
		  __entry->result)
);

#endif /* _BULKHEAD_DRIVER_TRACE_H */

/* Out of the kernel tree: define_trace.h finds this file through TRACE_INCLUDE_PATH. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
