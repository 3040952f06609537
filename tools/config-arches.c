// SPDX-License-Identifier: GPL-2.0
/*
 * The tools compile and check configs of every architecture, whichever they
 * run on: the validator's descriptions of all of them (bulkhead/config_arch.h).
 */
#include <bulkhead/config_arch.h>

const struct config_arch *const config_arches[] = { &config_arch_arm64, &config_arch_x86, NULL };
