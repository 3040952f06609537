// SPDX-License-Identifier: GPL-2.0
/*
 * An emulated Arm PrimeCell GPIO (PL061), the programmer's model of its
 * technical reference manual (ARM DDI 0190B), with eight lines of which
 * line 3 is wired to a power button, as on the QEMU virt board (where
 * Linux's gpio-keys reads it as KEY_POWER). GPIODATA is masked by address
 * bits 9:2; interrupts are detected on each line by edge (one or both) or
 * level, per GPIOIS, GPIOIBE and GPIOIEV, latched in GPIORIS and cleared
 * through GPIOIC (edges only: a level stays while it holds).
 */
#include <bulkhead/control.h>
#include <bulkhead/vdev.h>

#define GPIODATA_END	0x400
#define GPIODIR		0x400
#define GPIOIS		0x404
#define GPIOIBE		0x408
#define GPIOIEV		0x40c
#define GPIOIE		0x410
#define GPIORIS		0x414
#define GPIOMIS		0x418
#define GPIOIC		0x41c
#define GPIOAFSEL	0x420
#define GPIO_ID_BASE	0xfe0

/* GPIOPeriphID0-3 (part 0x061, Arm) and GPIOPCellID0-3. */
static const u8 pl061_id[8] = { 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

/* What each pin carries: the data register where it is an output, else its input. */
static u8 pins(const struct vpl061 *gpio)
{
	return (gpio->data & gpio->dir) | (gpio->inputs & ~gpio->dir);
}

/* Level-sensitive lines are pending exactly while the pin is at the level GPIOIEV names. */
static void update_levels(struct vpl061 *gpio)
{
	u8 active = gpio->is & (u8)~(pins(gpio) ^ gpio->iev);

	gpio->ris = (gpio->ris & ~gpio->is) | active;
}

/* Latches the edges edge-sensitive lines saw going from @before to the pins now. */
static void pins_changed(struct vpl061 *gpio, u8 before)
{
	u8 now = pins(gpio), changed = before ^ now;
	u8 wanted = (gpio->iev & now) | (~gpio->iev & ~now);

	gpio->ris |= ~gpio->is & changed & (gpio->ibe | wanted);
	update_levels(gpio);
}

static void update_line(struct vpl061 *gpio)
{
	bool level = gpio->ris & gpio->ie;

	if (level == gpio->line)
		return;
	gpio->line = level;
	arch_virtual_irq_set(gpio->cell, gpio->intid, level);
}

static bool reg_read(const struct vpl061 *gpio, unsigned int off, u64 *value)
{
	if (off < GPIODATA_END) {
		*value = pins(gpio) & (off >> 2);
		return true;
	}
	switch (off) {
	case GPIODIR:
		*value = gpio->dir;
		break;
	case GPIOIS:
		*value = gpio->is;
		break;
	case GPIOIBE:
		*value = gpio->ibe;
		break;
	case GPIOIEV:
		*value = gpio->iev;
		break;
	case GPIOIE:
		*value = gpio->ie;
		break;
	case GPIORIS:
		*value = gpio->ris;
		break;
	case GPIOMIS:
		*value = gpio->ris & gpio->ie;
		break;
	case GPIOAFSEL:
		*value = gpio->afsel;
		break;
	default:
		if (off < GPIO_ID_BASE)
			return false;
		*value = pl061_id[(off - GPIO_ID_BASE) / 4];
	}
	return true;
}

/* Writes that change what the pins carry or how they are sensed. */
static void write_sensing(struct vpl061 *gpio, unsigned int off, u8 value)
{
	u8 before = pins(gpio);

	if (off < GPIODATA_END) {
		/* Only the lines the address selects, and only outputs. */
		u8 mask = (u8)(off >> 2) & gpio->dir;

		gpio->data = (gpio->data & ~mask) | (value & mask);
	} else if (off == GPIODIR) {
		gpio->dir = value;
	} else if (off == GPIOIS) {
		gpio->is = value;
	} else {
		gpio->iev = value;
	}
	pins_changed(gpio, before);
}

static bool reg_write(struct vpl061 *gpio, unsigned int off, u8 value)
{
	switch (off) {
	case GPIODIR:
	case GPIOIS:
	case GPIOIEV:
		write_sensing(gpio, off, value);
		break;
	case GPIOIBE:
		gpio->ibe = value;
		break;
	case GPIOIE:
		gpio->ie = value;
		break;
	case GPIOIC:
		gpio->ris &= ~value;
		update_levels(gpio);
		break;
	case GPIOAFSEL:
		gpio->afsel = value;
		break;
	default:
		if (off >= GPIODATA_END)
			return false;
		write_sensing(gpio, off, value);
	}
	return true;
}

/*
 * 8-, 16- and 32-bit accesses at a register's offset; anything else, and
 * an access the manual does not define (writing GPIORIS, GPIOMIS or an ID
 * register, reading GPIOIC, an offset with no register), fails the cell.
 */
enum mmio_result pl061_access(struct per_cpu *cpu, struct mmio_access *access, void *arg)
{
	struct vpl061 *gpio = arg;
	unsigned int off = (unsigned int)access->addr;
	bool done;

	if (access->size > 4 || (off & 3))
		return MMIO_ERROR;
	spin_lock(&gpio->lock);
	if (access->write)
		done = reg_write(gpio, off, (u8)access->value);
	else
		done = off != GPIOIC && reg_read(gpio, off, &access->value);
	update_line(gpio);
	spin_unlock(&gpio->lock);
	return done ? MMIO_HANDLED : MMIO_ERROR;
}

void pl061_set_input(struct vpl061 *gpio, unsigned int line, bool level)
{
	u8 before;

	spin_lock(&gpio->lock);
	before = pins(gpio);
	gpio->inputs = (gpio->inputs & ~BIT(line)) | (level ? BIT(line) : 0);
	pins_changed(gpio, before);
	update_line(gpio);
	spin_unlock(&gpio->lock);
}

void pl061_reset(struct vpl061 *gpio)
{
	spin_lock(&gpio->lock);
	gpio->data = 0;
	gpio->dir = 0;
	gpio->is = 0;
	gpio->ibe = 0;
	gpio->iev = 0;
	gpio->ie = 0;
	gpio->ris = 0;
	gpio->afsel = 0;
	gpio->inputs = 0;
	gpio->pressed_at = 0;
	update_line(gpio);
	spin_unlock(&gpio->lock);
}

void pl061_init(struct vpl061 *gpio, struct cell *cell, unsigned int intid)
{
	gpio->cell = cell;
	gpio->intid = intid;
	gpio->line = false;
	pl061_reset(gpio);
}
