/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypervisor events for supervisors, shared by hypervisor, driver and
 * tools: every start, stop, fault, watchdog expiry, restart, update and
 * rollback of a cell, numbered from 1 since enable. The hypervisor keeps
 * the latest ones in a ring; the root reads them with
 * BULKHEAD_HC_EVENTS_READ and learns of new ones on the system config's
 * event_irq. Includers provide __u32/__u64, as for bulkhead/config.h.
 */
#ifndef _BULKHEAD_EVENT_H
#define _BULKHEAD_EVENT_H

/* bulkhead_event.type; detail and detail2 as noted. */
#define BULKHEAD_EVENT_CREATED		1	/* detail = its CPU set */
#define BULKHEAD_EVENT_STARTED		2	/* by the root */
/* Shut down, or powered itself off: detail = BULKHEAD_STOPPED_*. */
#define BULKHEAD_EVENT_STOPPED		3
/* A CPU of the cell faulted: detail = BULKHEAD_FAULT_*, detail2 = the CPU. */
#define BULKHEAD_EVENT_FAULT		4
#define BULKHEAD_EVENT_WATCHDOG		5	/* its watchdog expired */
/*
 * The cell runs again from its images: detail = BULKHEAD_RESTART_*, detail2
 * = its restarts since create.
 */
#define BULKHEAD_EVENT_RESTARTED	6
/*
 * The failure policy stopped the cell: detail = restarts within the window
 * (0: its policy is "stop").
 */
#define BULKHEAD_EVENT_GAVE_UP		7
/* New images run, on probation: detail = its length in ms. */
#define BULKHEAD_EVENT_UPDATE_STARTED	8
#define BULKHEAD_EVENT_UPDATE_COMMITTED	9
/* The previous images run again: detail = BULKHEAD_RESTART_* (why). */
#define BULKHEAD_EVENT_ROLLED_BACK	10
/*
 * The hypervisor refused images: detail = BULKHEAD_REFUSED_*, detail2 = the
 * boot segment whose digest differs (DIGEST), else 0.
 */
#define BULKHEAD_EVENT_IMAGE_REFUSED	11
#define BULKHEAD_EVENT_DESTROYED	12

/* Who stopped a cell. */
#define BULKHEAD_STOPPED_BY_ROOT	1	/* hvctl cell shutdown */
#define BULKHEAD_STOPPED_ITSELF		2	/* PSCI SYSTEM_OFF */

/* Why a cell restarted or rolled back. */
#define BULKHEAD_RESTART_REQUEST	1	/* it asked (PSCI SYSTEM_RESET) */
#define BULKHEAD_RESTART_FAULT		2
#define BULKHEAD_RESTART_WATCHDOG	3
/* It powered itself off (PSCI SYSTEM_OFF) on probation after an update. */
#define BULKHEAD_RESTART_POWER_OFF	4

/* Why images were refused. */
#define BULKHEAD_REFUSED_DIGEST		1	/* a segment does not match its SHA-256 */
#define BULKHEAD_REFUSED_SIGNATURE	2	/* missing or not by the system's key */

struct bulkhead_event {
	__u64 seq;			/* 1, 2, ... since enable; no gaps */
	__u64 time_ns;			/* since enable, by the counter */
	__u32 type;			/* BULKHEAD_EVENT_* */
	__u32 cell;			/* id */
	char cell_name[32];
	__u64 detail;
	__u64 detail2;
} __attribute__((packed));

#endif /* !_BULKHEAD_EVENT_H */
