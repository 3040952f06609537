// SPDX-License-Identifier: GPL-2.0
/*
 * The live views: hvctl cell stats (one cell's counters per CPU) and
 * hvctl top (every cell), drawn by one loop, hvctl_live_view(), on the
 * terminal hvctl-screen.c keeps, from samples taken each refresh; and
 * hvctl top --once / --json, one snapshot with rates over one interval.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "hvctl.h"

#define TOP_PATH	"hvctl top"

/* Two samples: the one shown and the one before. */
struct samples {
	struct timespec then;
	bool have_prev;
	unsigned int shown;		/* index of the newest */
};

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* The watched thing went away: that ends the view, not an error. */
static int view_ended(int err, const char *what, char *why, size_t len)
{
	if (err == -ENOENT)
		snprintf(why, len, "%s was destroyed", what);
	else if (err == -ENODEV)
		snprintf(why, len, "the hypervisor was disabled");
	return err == -ENOENT || err == -ENODEV ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ----- the loop ----- */

int hvctl_live_view(hvctl_frame_fn frame, void *ctx, double interval)
{
	struct hvctl_screen s;
	char why[512] = "", *text = NULL;
	int status = -1;
	size_t len;
	FILE *out;

	hvctl_screen_open(&s);
	while (status < 0) {
		out = open_memstream(&text, &len);
		if (!out) {
			snprintf(why, sizeof(why), "out of memory");
			status = EXIT_FAILURE;
			break;
		}
		status = frame(out, ctx, s.width, why, sizeof(why));
		fclose(out);
		if (status < 0) {
			hvctl_screen_fit(stdout, text, s.width, s.height);
			fflush(stdout);
		}
		free(text);
		text = NULL;
		if (status < 0 && !hvctl_screen_wait(&s, interval))
			status = EXIT_SUCCESS;
	}
	hvctl_screen_close(&s);
	if (why[0])
		hvctl_err("%s", why);
	return status;
}

/* ----- hvctl cell stats ----- */

struct stats_view {
	const struct hvctl_cell *watched;
	double interval;
	struct samples s;
	struct hvctl_stats st[2];
};

static int stats_frame(FILE *out, void *ctx, unsigned int width, char *why, size_t len)
{
	struct stats_view *v = ctx;
	struct hvctl_stats *now = &v->st[!v->s.shown];
	struct timespec taken;
	struct hvctl_cell cell;
	char what[BULKHEAD_CELL_NAME_LEN + 8];
	int err;

	err = hvctl_cell_read(HVCTL_CELLS_DIR, v->watched->id, &cell, why, len);
	/* Destroyed, and the id given to a new cell meanwhile. */
	if (!err && strcmp(cell.name, v->watched->name))
		err = -ENOENT;
	if (!err)
		err = hvctl_stats_read(HVCTL_CELLS_DIR, cell.id, now, why, len);
	if (err) {
		snprintf(what, sizeof(what), "cell \"%s\"", v->watched->name);
		return view_ended(err, what, why, len);
	}
	clock_gettime(CLOCK_MONOTONIC, &taken);
	hvctl_stats_print_live(out, &cell, v->interval, now,
			       v->s.have_prev ? &v->st[v->s.shown] : NULL,
			       seconds_between(&v->s.then, &taken));
	v->s.shown = !v->s.shown;
	v->s.have_prev = true;
	v->s.then = taken;
	return -1;
}

int hvctl_stats_live(const struct hvctl_cell *cell, double interval)
{
	static struct stats_view view;

	view.watched = cell;
	view.interval = interval;
	return hvctl_live_view(stats_frame, &view, interval);
}

/* ----- hvctl top ----- */

struct top_view {
	int fd;				/* /dev/bulkhead, for the consoles */
	double interval;
	struct samples s;
	struct hvctl_top_sample sample[2];
};

/* What each cell printed since the last sample; -ENODEV once the hypervisor is gone. */
static int read_consoles(int fd, struct hvctl_top_sample *now)
{
	struct bulkhead_console_read_args req;
	struct hvctl_top_cell *c;
	char buf[4096];
	unsigned int n;
	long got;

	for (n = 0; n < now->num; n++) {
		c = &now->cell[n];
		if (!c->has_console)
			continue;
		req = (struct bulkhead_console_read_args){ .cell = c->cell.id,
							   .pos = c->console_pos,
							   .size = sizeof(buf),
							   .buf = (uintptr_t)buf };
		while ((got = ioctl(fd, BULKHEAD_CELL_CONSOLE, &req)) > 0)
			hvctl_top_console_feed(c, buf, (size_t)got);
		if (got < 0 && errno == ENODEV)
			return -ENODEV;
		/* A cell destroyed meanwhile shows what it had. */
		c->console_pos = req.pos;
	}
	return 0;
}

/* Sample every cell into the next slot; the seconds since the one before in @seconds. */
static int top_sample(struct top_view *v, double *seconds, char *why, size_t len)
{
	struct hvctl_top_sample *now = &v->sample[!v->s.shown];
	struct timespec taken;
	int err;

	err = hvctl_top_read(HVCTL_CELLS_DIR, now, v->s.have_prev ? &v->sample[v->s.shown] : NULL,
			     why, len);
	if (!err)
		err = read_consoles(v->fd, now);
	if (err)
		return err;
	clock_gettime(CLOCK_MONOTONIC, &taken);
	*seconds = seconds_between(&v->s.then, &taken);
	v->s.then = taken;
	return 0;
}

/* The newest sample and the one before it (NULL for the first). */
static void top_advance(struct top_view *v, const struct hvctl_top_sample **now,
			const struct hvctl_top_sample **prev)
{
	*prev = v->s.have_prev ? &v->sample[v->s.shown] : NULL;
	v->s.shown = !v->s.shown;
	v->s.have_prev = true;
	*now = &v->sample[v->s.shown];
}

static int top_frame(FILE *out, void *ctx, unsigned int width, char *why, size_t len)
{
	const struct hvctl_top_sample *now, *prev;
	struct top_view *v = ctx;
	double seconds;
	int err = top_sample(v, &seconds, why, len);

	if (err == -ENODEV && !v->s.have_prev) {
		snprintf(why, len, HVCTL_NOT_ENABLED);
		return EXIT_FAILURE;
	}
	if (err)
		return view_ended(err, "", why, len);
	top_advance(v, &now, &prev);
	fprintf(out, "hvctl top  %u cells  every %gs; q or Ctrl-C quits\n\n", now->num,
		v->interval);
	hvctl_top_print(out, now, prev, seconds, width);
	return -1;
}

/* Sleep @seconds; false when a signal cut it short. */
static bool pause_for(double seconds)
{
	const struct timespec ts = { .tv_sec = (time_t)seconds,
				     .tv_nsec = (long)((seconds - (double)(time_t)seconds) * 1e9) };

	return nanosleep(&ts, NULL) == 0;
}

/* --once and --json: two samples @interval apart, printed once. */
static int top_once(struct top_view *v, bool json)
{
	const struct hvctl_top_sample *now, *prev;
	char why[512];
	double seconds;
	int err;

	hvctl_catch_interrupts();
	err = top_sample(v, &seconds, why, sizeof(why));
	if (!err && !pause_for(v->interval))
		err = hvctl_reject(-EINTR, why, sizeof(why), "interrupted before the second sample");
	if (!err) {
		top_advance(v, &now, &prev);
		err = top_sample(v, &seconds, why, sizeof(why));
	}
	if (err) {
		hvctl_err("%s", err == -ENODEV ? HVCTL_NOT_ENABLED : why);
		return EXIT_FAILURE;
	}
	top_advance(v, &now, &prev);
	if (json)
		hvctl_top_print_json(stdout, now, prev, seconds);
	else
		hvctl_top_print(stdout, now, prev, seconds, 0);
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int hvctl_cmd_top(unsigned int flags, int argc, char **args)
{
	static struct top_view view;
	char why[512];
	int ret;

	if (hvctl_top_parse_args(argc, args, &view.interval, why, sizeof(why)) < 0)
		return hvctl_usage_error(TOP_PATH, "%s", why);
	view.fd = hvctl_open_device();
	if (view.fd < 0)
		return EXIT_FAILURE;
	if (flags & (HVCTL_OPT_ONCE | HVCTL_OPT_JSON))
		ret = top_once(&view, flags & HVCTL_OPT_JSON);
	else
		ret = hvctl_live_view(top_frame, &view, view.interval);
	close(view.fd);
	return ret;
}
