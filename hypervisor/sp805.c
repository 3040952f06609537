// SPDX-License-Identifier: GPL-2.0
/*
 * An emulated Arm watchdog (SP805), the programmer's model of its technical
 * reference manual (ARM DDI 0270B). Its 32-bit counter runs down from
 * WdogLoad at BULKHEAD_SP805_CLOCK_HZ while INTEN is set; reaching zero
 * raises the interrupt and reloads; reaching zero again with the interrupt
 * still raised and RESEN set fires the reset output, which is the cell's
 * watchdog expiry (the config's failure action follows). Nothing ticks: the
 * count is worked out from the generic counter whenever it is looked at,
 * and the next zero is a deadline of the cell (health.c). WdogLock, once
 * locked, ignores writes to every other register; the integration test
 * registers drive both outputs directly.
 */
#include <bulkhead/control.h>
#include <bulkhead/health.h>
#include <bulkhead/vdev.h>

#define WDOGLOAD	0x000
#define WDOGVALUE	0x004
#define WDOGCONTROL	0x008
#define WDOGINTCLR	0x00c
#define WDOGRIS		0x010
#define WDOGMIS		0x014
#define WDOGLOCK	0xc00
#define WDOGITCR	0xf00
#define WDOGITOP	0xf04
#define WDOG_ID_BASE	0xfe0

#define CONTROL_INTEN	BIT(0)
#define CONTROL_RESEN	BIT(1)
#define ITCR_ENABLE	BIT(0)
#define ITOP_WDOGRES	BIT(0)
#define ITOP_WDOGINT	BIT(1)
#define LOCK_KEY	0x1acce551U
#define LOAD_RESET	0xffffffffU

/* WdogPeriphID0-3 (part 0x805, Arm, revision 1) and WdogPCellID0-3. */
static const u8 sp805_id[8] = { 0x05, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

/* Watchdog clock ticks in @delta counter ticks, without overflowing on long runs. */
static u64 clock_ticks(u64 delta)
{
	u64 freq = arch_counter_freq();

	return delta / freq * BULKHEAD_SP805_CLOCK_HZ +
	       delta % freq * BULKHEAD_SP805_CLOCK_HZ / freq;
}

/* The fewest counter ticks in which @ticks watchdog clock ticks have passed. */
static u64 counter_ticks(u64 ticks)
{
	u64 freq = arch_counter_freq(), rest = ticks % BULKHEAD_SP805_CLOCK_HZ * freq;

	return ticks / BULKHEAD_SP805_CLOCK_HZ * freq +
	       (rest + BULKHEAD_SP805_CLOCK_HZ - 1) / BULKHEAD_SP805_CLOCK_HZ;
}

static bool counting(const struct vsp805 *wdog)
{
	return (wdog->control & CONTROL_INTEN) && !wdog->reset;
}

/* The count starts over from WdogLoad now. */
static void reload(struct vsp805 *wdog)
{
	wdog->reloaded_at = arch_counter();
	wdog->zeros = 0;
}

/*
 * Catches the model up with the time: the counter goes WdogLoad, ..., 0,
 * then WdogLoad again at the next tick, so zero number z (from 1) falls
 * z * (WdogLoad + 1) - 1 ticks after the reload. The first zero raises the
 * interrupt; one with the interrupt raised fires the reset if RESEN is set.
 */
static void catch_up(struct vsp805 *wdog)
{
	u64 period = (u64)wdog->load + 1, zeros;

	if (!counting(wdog))
		return;
	zeros = (clock_ticks(arch_counter() - wdog->reloaded_at) + 1) / period;
	if (zeros == wdog->zeros)
		return;
	if (!wdog->ris) {
		wdog->ris = true;
		wdog->zeros++;
	}
	if (zeros > wdog->zeros && (wdog->control & CONTROL_RESEN)) {
		/* The board would reset: the counter stands at zero until the cell starts again. */
		wdog->reset = true;
		wdog->frozen_value = 0;
		return;
	}
	wdog->zeros = zeros;
}

static u32 value(const struct vsp805 *wdog)
{
	u64 period = (u64)wdog->load + 1;

	if (!counting(wdog))
		return wdog->frozen_value;
	return wdog->load - clock_ticks(arch_counter() - wdog->reloaded_at) % period;
}

/* When the next zero that changes anything falls (0: none does; a deadline is never 0). */
static u64 next_deadline(const struct vsp805 *wdog)
{
	u64 period = (u64)wdog->load + 1;

	if (!counting(wdog) || (wdog->ris && !(wdog->control & CONTROL_RESEN)))
		return 0;
	return (wdog->reloaded_at + counter_ticks((wdog->zeros + 1) * period - 1)) ?: 1;
}

static void deadline_expired(struct cell *cell);

/* Both outputs follow the model, or WdogITOP in integration test mode. */
static bool int_output(const struct vsp805 *wdog)
{
	if (wdog->itcr & ITCR_ENABLE)
		return wdog->itop & ITOP_WDOGINT;
	return wdog->ris && (wdog->control & CONTROL_INTEN);
}

static bool res_output(const struct vsp805 *wdog)
{
	if (wdog->itcr & ITCR_ENABLE)
		return wdog->itop & ITOP_WDOGRES;
	return wdog->reset;
}

/*
 * Tells the GIC and the cell's deadlines what changed; returns true when
 * the reset output has just risen (the caller reports the expiry, unlocked).
 */
static bool update_outputs(struct vsp805 *wdog)
{
	bool level = int_output(wdog), reset = res_output(wdog), rose = reset && !wdog->res_line;
	u64 deadline = next_deadline(wdog);

	wdog->res_line = reset;
	if (level != wdog->line) {
		wdog->line = level;
		arch_virtual_irq_set(wdog->cell, wdog->intid, level);
	}
	if (deadline != wdog->deadline) {
		wdog->deadline = deadline;
		health_deadline_set(wdog->cell, HEALTH_DEADLINE_SP805, deadline, deadline_expired);
	}
	return rose;
}

static bool reg_read(const struct vsp805 *wdog, unsigned int off, u64 *result)
{
	switch (off) {
	case WDOGLOAD:
		*result = wdog->load;
		break;
	case WDOGVALUE:
		*result = value(wdog);
		break;
	case WDOGCONTROL:
		*result = wdog->control;
		break;
	case WDOGRIS:
		*result = wdog->ris;
		break;
	case WDOGMIS:
		*result = wdog->ris && (wdog->control & CONTROL_INTEN);
		break;
	case WDOGLOCK:
		*result = wdog->locked;
		break;
	case WDOGITCR:
		*result = wdog->itcr;
		break;
	default:
		if (off < WDOG_ID_BASE)
			return false;
		*result = sp805_id[(off - WDOG_ID_BASE) / 4];
	}
	return true;
}

static void write_control(struct vsp805 *wdog, u32 control)
{
	/* Enabling the counter starts it from WdogLoad; disabling stops it where it is. */
	if ((control & CONTROL_INTEN) && !(wdog->control & CONTROL_INTEN))
		reload(wdog);
	else if (!(control & CONTROL_INTEN) && counting(wdog))
		wdog->frozen_value = value(wdog);
	wdog->control = control & (CONTROL_INTEN | CONTROL_RESEN);
}

/* A write the model takes; false for an offset that cannot be written. */
static bool reg_write(struct vsp805 *wdog, unsigned int off, u32 val)
{
	if (off == WDOGLOCK) {
		wdog->locked = val != LOCK_KEY;
		return true;
	}
	if (off != WDOGLOAD && off != WDOGCONTROL && off != WDOGINTCLR && off != WDOGITCR &&
	    off != WDOGITOP)
		return false;
	/* Locked: the write is ignored, as on the device. */
	if (wdog->locked)
		return true;
	switch (off) {
	case WDOGLOAD:
		wdog->load = val;
		wdog->frozen_value = val;
		reload(wdog);
		break;
	case WDOGCONTROL:
		write_control(wdog, val);
		break;
	case WDOGINTCLR:
		wdog->ris = false;
		wdog->frozen_value = wdog->load;
		reload(wdog);
		break;
	case WDOGITCR:
		wdog->itcr = val & ITCR_ENABLE;
		break;
	default:
		wdog->itop = val & (ITOP_WDOGRES | ITOP_WDOGINT);
	}
	return true;
}

/*
 * 32-bit accesses at a register's offset (an APB device: its registers are
 * words); anything else, and an access the manual does not define (writing
 * WdogValue, RIS, MIS or an ID register, reading WdogIntClr or WdogITOP, an
 * offset with no register), fails the cell.
 */
enum mmio_result sp805_access(struct per_cpu *cpu, struct mmio_access *access, void *arg)
{
	struct vsp805 *wdog = arg;
	unsigned int off = (unsigned int)access->addr;
	bool done, expired;

	if (access->size != 4 || (off & 3))
		return MMIO_ERROR;
	spin_lock(&wdog->lock);
	catch_up(wdog);
	if (access->write)
		done = reg_write(wdog, off, (u32)access->value);
	else
		done = off != WDOGINTCLR && off != WDOGITOP && reg_read(wdog, off, &access->value);
	expired = update_outputs(wdog);
	spin_unlock(&wdog->lock);
	if (expired)
		health_watchdog_expired(wdog->cell);
	return done ? MMIO_HANDLED : MMIO_ERROR;
}

static void deadline_expired(struct cell *cell)
{
	struct vsp805 *wdog = &cell->vdevs.watchdog;
	bool expired;

	spin_lock(&wdog->lock);
	/* The slot was used up: arm it again for whatever comes next. */
	wdog->deadline = 0;
	catch_up(wdog);
	expired = update_outputs(wdog);
	spin_unlock(&wdog->lock);
	if (expired)
		health_watchdog_expired(wdog->cell);
}

void sp805_reset(struct vsp805 *wdog)
{
	spin_lock(&wdog->lock);
	wdog->load = LOAD_RESET;
	wdog->frozen_value = LOAD_RESET;
	wdog->control = 0;
	wdog->ris = false;
	wdog->reset = false;
	wdog->locked = false;
	wdog->itcr = 0;
	wdog->itop = 0;
	update_outputs(wdog);
	spin_unlock(&wdog->lock);
}

void sp805_start(struct vsp805 *wdog, u32 timeout_ms)
{
	/* Half the timeout to the interrupt, half to the reset, as Linux's sp805_wdt counts. */
	u64 load = (u64)timeout_ms * BULKHEAD_SP805_CLOCK_HZ / 2000;

	if (!timeout_ms)
		return;
	spin_lock(&wdog->lock);
	wdog->load = (u32)MIN(load - 1, (u64)LOAD_RESET);
	wdog->control = CONTROL_INTEN | CONTROL_RESEN;
	reload(wdog);
	/* Stopping the cell cleared its deadlines behind our back. */
	wdog->deadline = 0;
	update_outputs(wdog);
	spin_unlock(&wdog->lock);
}

void sp805_init(struct vsp805 *wdog, struct cell *cell, unsigned int intid)
{
	wdog->cell = cell;
	wdog->intid = intid;
	wdog->line = false;
	wdog->res_line = false;
	wdog->deadline = 0;
	sp805_reset(wdog);
}
