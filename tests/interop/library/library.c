/* The C host of library.sox: a plain C program (its own main) linked with the shared library built from it. */
#include <stdint.h>
#include <stdio.h>

double lib_add(int64_t a, double b);
int64_t lib_calls(void);
const char* lib_log(void);
int64_t lib_churn(int64_t n);
int64_t lib_nested(int64_t x);
int64_t lib_inner(int64_t x);
int64_t lib_fail(int64_t x);

int64_t host_callback(int64_t x) {
    printf("host: callback %lld\n", (long long)x);
    return lib_inner(x) + 1;
}

int main(void) {
    printf("host: start\n");
    printf("host: %g\n", lib_add(1, 0.5));
    printf("host: %g\n", lib_add(2, 0.25));
    printf("host: calls %lld, log %s\n", (long long)lib_calls(), lib_log());
    printf("host: churn %lld\n", (long long)lib_churn(30000));
    printf("host: nested %lld\n", (long long)lib_nested(4));
    printf("host: calls %lld\n", (long long)lib_calls());
    lib_fail(1);
    printf("host: not reached\n");
    return 0;
}
