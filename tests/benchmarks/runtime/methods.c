/* Method calls with field reads and writes: 10 million calls of `add`, each reading two
   fields and writing one. The call goes through a function pointer, as a method would. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Counter Counter;
struct Counter {
    void (*add)(Counter* self, double x);
    double count;
    double step;
};

static void counterAdd(Counter* self, double x) {
    self->count = self->count + x * self->step;
}

static double run(double n) {
    Counter* c = malloc(sizeof(Counter));
    c->add = counterAdd;
    c->count = 0;
    c->step = 1;
    for (double i = 0; i < n; i = i + 1) c->add(c, i);
    double result = c->count;
    free(c);
    return result;
}

int main(void) {
    printf("%.0f\n", run(10000000));
    return 0;
}
