/* Properties in the Lox benchmark's shape: an object with 30 fields and 30 getters called through a per-class
   method table, all 30 in each iteration of a 500,000-iteration loop. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Foo Foo;
typedef double (*Getter)(const Foo* self);
typedef struct {
    Getter methods[30];
} FooClass;
struct Foo {
    const FooClass* klass;
    double fields[30];
};

static double method0(const Foo* self) { return self->fields[0]; }
static double method1(const Foo* self) { return self->fields[1]; }
static double method2(const Foo* self) { return self->fields[2]; }
static double method3(const Foo* self) { return self->fields[3]; }
static double method4(const Foo* self) { return self->fields[4]; }
static double method5(const Foo* self) { return self->fields[5]; }
static double method6(const Foo* self) { return self->fields[6]; }
static double method7(const Foo* self) { return self->fields[7]; }
static double method8(const Foo* self) { return self->fields[8]; }
static double method9(const Foo* self) { return self->fields[9]; }
static double method10(const Foo* self) { return self->fields[10]; }
static double method11(const Foo* self) { return self->fields[11]; }
static double method12(const Foo* self) { return self->fields[12]; }
static double method13(const Foo* self) { return self->fields[13]; }
static double method14(const Foo* self) { return self->fields[14]; }
static double method15(const Foo* self) { return self->fields[15]; }
static double method16(const Foo* self) { return self->fields[16]; }
static double method17(const Foo* self) { return self->fields[17]; }
static double method18(const Foo* self) { return self->fields[18]; }
static double method19(const Foo* self) { return self->fields[19]; }
static double method20(const Foo* self) { return self->fields[20]; }
static double method21(const Foo* self) { return self->fields[21]; }
static double method22(const Foo* self) { return self->fields[22]; }
static double method23(const Foo* self) { return self->fields[23]; }
static double method24(const Foo* self) { return self->fields[24]; }
static double method25(const Foo* self) { return self->fields[25]; }
static double method26(const Foo* self) { return self->fields[26]; }
static double method27(const Foo* self) { return self->fields[27]; }
static double method28(const Foo* self) { return self->fields[28]; }
static double method29(const Foo* self) { return self->fields[29]; }

static const FooClass fooClass = {{method0, method1, method2, method3, method4, method5, method6, method7, method8, method9, method10, method11, method12, method13, method14, method15, method16, method17, method18, method19, method20, method21, method22, method23, method24, method25, method26, method27, method28, method29}};

int main(void) {
    Foo* volatile holder = malloc(sizeof(Foo));
    Foo* foo = holder;
    foo->klass = &fooClass;
    for (int k = 0; k < 30; k++) foo->fields[k] = k;
    double sum = 0;
    for (double i = 0; i < 500000; i = i + 1)
        for (int k = 0; k < 30; k++) sum = sum + foo->klass->methods[k](foo);
    printf("%.0f\n", sum);
    free(foo);
    return 0;
}
