/* Invocation in the Lox benchmark's shape: 10 million calls of an empty function through a pointer (a global
   variable holding a function, as in the dynamic languages). */
#include <stdio.h>

static void foo(void) {}
static void (*volatile fooVariable)(void) = foo;

int main(void) {
    double i = 0;
    while (i < 1000000) {
        for (int k = 0; k < 10; k++) fooVariable();
        i = i + 1;
    }
    printf("%.0f\n", i);
    return 0;
}
