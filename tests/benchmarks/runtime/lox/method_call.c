/* Method calls in the Lox benchmark's shape: virtual methods through a per-class table, an override that calls
   the base method, methods that return the receiver for chaining. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Toggle Toggle;
typedef struct {
    int (*value)(Toggle* self);
    Toggle* (*activate)(Toggle* self);
} ToggleClass;
struct Toggle {
    const ToggleClass* klass;
    int state;
    double count, countMax;
};

static int toggleValue(Toggle* self) { return self->state; }
static Toggle* toggleActivate(Toggle* self) {
    self->state = !self->state;
    return self;
}
static Toggle* nthToggleActivate(Toggle* self) {
    self->count = self->count + 1;
    if (self->count >= self->countMax) {
        toggleActivate(self);
        self->count = 0;
    }
    return self;
}

static const ToggleClass toggleClass = {toggleValue, toggleActivate};
static const ToggleClass nthToggleClass = {toggleValue, nthToggleActivate};

static int run(Toggle* t, double n) {
    int val = 1;
    for (double i = 0; i < n; i = i + 1)
        for (int k = 0; k < 10; k++) {
            Toggle* r = t->klass->activate(t);
            val = r->klass->value(r);
        }
    (void)val;
    return t->klass->value(t);
}

int main(void) {
    Toggle* toggle = malloc(sizeof(Toggle));
    *toggle = (Toggle){&toggleClass, 1, 0, 0};
    printf("%s\n", run(toggle, 100000) ? "true" : "false");
    Toggle* ntoggle = malloc(sizeof(Toggle));
    *ntoggle = (Toggle){&nthToggleClass, 1, 0, 3};
    printf("%s\n", run(ntoggle, 100000) ? "true" : "false");
    free(toggle);
    free(ntoggle);
    return 0;
}
