/* Recursive calls in the Lox benchmark's shape. */
#include <stdio.h>

static double fib(double n) {
    if (n < 2) return n;
    return fib(n - 2) + fib(n - 1);
}

int main(void) {
    printf("%.0f\n", fib(35));
    return 0;
}
