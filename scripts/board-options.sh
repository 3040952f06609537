# SPDX-License-Identifier: GPL-2.0
# The options both emulated boards take (qemu-board.sh, pc-board.sh), sourced
# by each: board_option OPT ARG sets what OPT says, or fails for an option of
# the board's own.
board_option() {
	case $1 in
	i) interactive=1 ;;
	t) timeout=$2 ;;
	l) log=$2 ;;
	r) run="bulkhead.run=$2" ;;
	g) groups="bulkhead.groups=$2" ;;
	a) append=$2 ;;
	*) return 1 ;;
	esac
}
