/* Instantiation in the Lox benchmark's shape: 5 million heap objects, each initialised by a call and released
   (C has no collector; the sink keeps the allocation from being optimised away). */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    void* klass;
} Foo;

static __attribute__((noinline)) void fooInit(Foo* self) { (void)self; }

static Foo* volatile sink;

static void instantiate(void) {
    Foo* f = malloc(sizeof(Foo));
    f->klass = NULL;
    fooInit(f);
    sink = f;
    free(f);
}

int main(void) {
    double i = 0;
    while (i < 500000) {
        for (int k = 0; k < 10; k++) instantiate();
        i = i + 1;
    }
    printf("%.0f\n", i);
    return 0;
}
