#!/bin/sh
sh /bulkhead/tests/irq.sh
