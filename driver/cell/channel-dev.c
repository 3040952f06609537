// SPDX-License-Identifier: GPL-2.0
/* The channel devices, the same code as the root driver's, built into this module. */
#include "../channel-dev.c"
