/* A polymorphic call site: six classes with the same methods (after the Lox `zoo` benchmark) called through
   per-class method tables, the instances in rotation. */
#include <stdio.h>

typedef struct Animal Animal;
typedef double (*Method)(const Animal* self);
typedef struct {
    Method methods[6];
} AnimalClass;
struct Animal {
    const AnimalClass* klass;
    double legs;
};

static double ant(const Animal* self) { return self->legs + 0; }
static double banana(const Animal* self) { return self->legs + 1; }
static double tuna(const Animal* self) { return self->legs + 2; }
static double hay(const Animal* self) { return self->legs + 3; }
static double grass(const Animal* self) { return self->legs + 4; }
static double mouse(const Animal* self) { return self->legs + 5; }

/* One method table per class, as six classes with the same method names have. */
static const AnimalClass aardvarkClass = {{ant, banana, tuna, hay, grass, mouse}};
static const AnimalClass baboonClass = {{ant, banana, tuna, hay, grass, mouse}};
static const AnimalClass catClass = {{ant, banana, tuna, hay, grass, mouse}};
static const AnimalClass donkeyClass = {{ant, banana, tuna, hay, grass, mouse}};
static const AnimalClass elephantClass = {{ant, banana, tuna, hay, grass, mouse}};
static const AnimalClass foxClass = {{ant, banana, tuna, hay, grass, mouse}};

int main(void) {
    Animal zoo[6] = {{&aardvarkClass, 1}, {&baboonClass, 2}, {&catClass, 3}, {&donkeyClass, 4}, {&elephantClass, 5}, {&foxClass, 6}};
    Animal* volatile base = zoo;
    double sum = 0;
    for (double i = 0; i < 1000000; i = i + 1) {
        const Animal* animal = &base[(long)i % 6];
        for (int m = 0; m < 6; m++) sum = sum + animal->klass->methods[m](animal);
    }
    printf("%.0f\n", sum);
    return 0;
}
