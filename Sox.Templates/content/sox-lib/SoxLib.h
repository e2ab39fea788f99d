/* The C interface of the Sox library: the export fns of its entry file (Sox int is int64_t, double is double). */
#ifndef SOXLIB_H_INCLUDED
#define SOXLIB_H_INCLUDED

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

double soxlib_mean3(double a, double b, double c);
int64_t soxlib_gcd(int64_t a, int64_t b);

#ifdef __cplusplus
}
#endif

#endif
