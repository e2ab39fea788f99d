/* Closures: 2 million closure creations (each capturing a value, allocated with malloc) and
   6 million calls through the closure's function pointer. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Closure Closure;
struct Closure {
    double (*code)(const Closure* self, double x);
    double k;
};

static double adderCode(const Closure* self, double x) { return x + self->k; }

static Closure* makeAdder(double k) {
    Closure* c = malloc(sizeof(Closure));
    c->code = adderCode;
    c->k = k;
    return c;
}

static double run(double n) {
    double total = 0;
    for (double i = 0; i < n; i = i + 1) {
        Closure* add = makeAdder(i);
        total = total + add->code(add, 1) + add->code(add, 2) + add->code(add, 3);
        free(add);
    }
    return total;
}

int main(void) {
    printf("%.0f\n", run(2000000));
    return 0;
}
