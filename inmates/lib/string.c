// SPDX-License-Identifier: BSD-2-Clause
/*
 * String and memory helpers. With the MMU off every access is to Device
 * memory, which must be aligned: word loops run only on aligned pointers.
 * The build keeps the compiler from turning these loops into calls to
 * themselves (-fno-tree-loop-distribute-patterns).
 */
#include <inmate.h>

#define WORD		sizeof(unsigned long)
#define ALIGNED(p)	(((unsigned long)(p) & (WORD - 1)) == 0)

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (ALIGNED(d) && ALIGNED(s)) {
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(unsigned long *)d = *(const unsigned long *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned long pattern = (unsigned char)c * (~0UL / 0xff);

	while (n && !ALIGNED(d)) {
		*d++ = c;
		n--;
	}
	for (; n >= WORD; n -= WORD, d += WORD)
		*(unsigned long *)d = pattern;
	while (n--)
		*d++ = c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}
