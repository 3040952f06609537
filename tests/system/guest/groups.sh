# SPDX-License-Identifier: GPL-2.0
# The system test groups, in the order one boot of the board runs them
# (system.sh). tests/system/run.sh reads the same list to know which groups,
# and through their "plan N" lines how many checks, to expect. A new group
# is tests/system/guest/NAME.sh starting with ". /bulkhead/tests/lib.sh" and
# "plan N", and its NAME here.
SYSTEM_TEST_GROUPS="errors enable cycles cells irq channels dma mgmt hardening restart health integrity vdev native linux board cellchan update events tracepoints trace complete configcheck cellrun terminal contract tracetool"
# Groups that need a board of their own, booted after the one above
# (tests/run-all.sh): a GICv4 one (qemu-board.sh -G 4).
GICV4_TEST_GROUPS="gicv4"
# The groups that do not depend on the architecture, run on the emulated PC too
# (run.sh -b pc, one Bochs boot), from the same scripts: lib.sh reads the board;
# then the PC's own: kvm (enable refused while KVM holds VT-x) and vtx (VT-x and
# the exit handlers from the root's side). kvm comes before the hotplug of
# enable and cycles: Linux identifies a CPU it onlines under the hypervisor
# without VMX, and from then on sees no VMX on the machine (Documentation/x86.md).
X86_TEST_GROUPS="errors kvm enable cycles vtx"
