/* The C interface of the Sox library: the export fns of its entry file (Sox int is int64_t, double is double).
   Link a C program with lib<name>.a and the runtime's system libraries: cc app.c libNAME.a -lm -lpthread. The
   first call starts the Sox runtime. */
#pragma once

#include <stdint.h>

double soxlib_mean3(double a, double b, double c);
int64_t soxlib_gcd(int64_t a, int64_t b);
