/* SPDX-License-Identifier: GPL-2.0 */
/* Error numbers, identical to Linux's so that the root sees familiar codes. */
#ifndef _BULKHEAD_ERRNO_H
#define _BULKHEAD_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define EIO		5
#define E2BIG		7
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38
#define EBADMSG		74
#define EOVERFLOW	75
#define ENOTCONN	107
#define ETIMEDOUT	110
#define EKEYREJECTED	129

#endif /* !_BULKHEAD_ERRNO_H */
