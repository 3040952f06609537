// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device pass-through demo: reads the Arm PL031 real-time clock the cell
 * config hands to the cell (QEMU virt: 0x09010000), then sets its alarm
 * and takes the alarm interrupt, which the config gives to the cell too.
 *
 * Command line (all optional):
 *   rtc=0xADDR       PL031 base address
 *   count=N          readings, one second apart (default 3)
 *   irq=N            the PL031's interrupt (default 34, SPI 2 on QEMU virt);
 *                    irq=0 skips the alarm
 *   deny-shutdown, ignore-shutdown, uart=0xADDR: as for the hello demo
 */
#include <inmate.h>

#define PL031_DEFAULT_BASE	0x09010000UL

#define PL031_DR		0x000	/* data: seconds counter */
#define PL031_MR		0x004	/* match: the alarm, in seconds */
#define PL031_CR		0x00c	/* control: bit 0 = counter running */
#define PL031_IMSC		0x010	/* interrupt mask set/clear: bit 0 = alarm enabled */
#define PL031_ICR		0x01c	/* interrupt clear */
#define PL031_DEFAULT_IRQ	34
#define ALARM_DELAY_S		2
#define PL031_PERIPH_ID0	0xfe0	/* 4 peripheral id, then 4 PrimeCell id registers */
#define PL031_ID_REGS		8

static const unsigned char pl031_ids[PL031_ID_REGS] = {
	0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static bool is_leap(unsigned long year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Writes seconds since 1970-01-01 00:00 UTC as a calendar date and time. */
static void format_date(char *buf, size_t size, unsigned long secs)
{
	static const unsigned char month_days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	unsigned long days = secs / 86400, rest = secs % 86400;
	unsigned long year = 1970, month = 0, len;

	for (;; year++) {
		len = is_leap(year) ? 366 : 365;
		if (days < len)
			break;
		days -= len;
	}
	for (;; month++) {
		len = month_days[month] + (month == 1 && is_leap(year));
		if (days < len)
			break;
		days -= len;
	}
	snprintf(buf, size, "%04lu-%02lu-%02lu %02lu:%02lu:%02lu UTC", year, month + 1,
		 days + 1, rest / 3600, rest / 60 % 60, rest % 60);
}

static unsigned long rtc_base;
static volatile unsigned long alarms;

static void alarm_handler(unsigned int intid)
{
	mmio_write32(rtc_base + PL031_ICR, 1);
	mmio_write32(rtc_base + PL031_IMSC, 0);
	alarms++;
	printk("rtc: alarm interrupt %u at %lu seconds\n", intid,
	       (unsigned long)mmio_read32(rtc_base + PL031_DR));
}

/* Sets the alarm a few seconds ahead and waits for its interrupt. */
static void take_alarm(unsigned int irq, enum shutdown_policy policy)
{
	unsigned long waited;

	if (gic_init() || irq_enable(irq, alarm_handler, IRQ_PRIORITY_DEFAULT)) {
		printk("rtc: cannot set up interrupt %u\n", irq);
		return;
	}
	mmio_write32(rtc_base + PL031_ICR, 1);
	mmio_write32(rtc_base + PL031_MR, mmio_read32(rtc_base + PL031_DR) + ALARM_DELAY_S);
	mmio_write32(rtc_base + PL031_IMSC, 1);
	irq_local_enable();
	for (waited = 0; !alarms && waited < 10 * ALARM_DELAY_S; waited++)
		idle_ms(200, policy);
	if (!alarms)
		printk("rtc: no alarm interrupt within %u s\n", 2 * ALARM_DELAY_S);
}

void inmate_main(void)
{
	unsigned long base = cmdline_get_ulong("rtc", PL031_DEFAULT_BASE);
	unsigned long irq = cmdline_get_ulong("irq", PL031_DEFAULT_IRQ);
	unsigned long count = cmdline_get_ulong("count", 3);
	enum shutdown_policy policy = shutdown_policy_from_cmdline();
	bool match = true;
	unsigned int id, n;
	unsigned long secs;
	char date[32];

	printk("rtc: PL031 at 0x%lx, id registers:", base);
	for (n = 0; n < PL031_ID_REGS; n++) {
		id = mmio_read32(base + PL031_PERIPH_ID0 + 4 * n) & 0xff;
		/* Id 2 carries the revision in its top nibble: not compared. */
		match = match && (id == pl031_ids[n] || n == 2);
		printk(" 0x%02x", id);
	}
	printk(match ? " (PL031)\n" : " (not a PL031?)\n");
	if (!(mmio_read32(base + PL031_CR) & 1))
		printk("rtc: counter is stopped\n");

	for (n = 0; n < count; n++) {
		if (n)
			idle_ms(1000, policy);
		secs = mmio_read32(base + PL031_DR);
		format_date(date, sizeof(date), secs);
		printk("rtc: %lu seconds since epoch (%s)\n", secs, date);
	}
	rtc_base = base;
	if (irq)
		take_alarm(irq, policy);
	printk("done\n");
	idle(policy);
}
