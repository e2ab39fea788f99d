// Calls through sox_call (§5, runtime-abi.md "Calls through a value"): closures with cells, natives, classes with
// and without init, bound methods, 9 and 12 arguments (stack-passed on x64 and arm64), sox_invoke (field before
// method, table entries), properties, copy-down inheritance, super.
#include "sox_test_support.h"

DECLARE_FN(sum9, 9, 9, 0, "sum9", SOX_FN_FUNCTION);
DECLARE_FN(sum12, 12, 12, 0, "sum12", SOX_FN_FUNCTION);
DECLARE_FN(counter, 0, 0, 1, "counter", SOX_FN_FUNCTION);
DECLARE_FN(point_init, 3, 2, 0, "init", SOX_FN_INITIALIZER);
DECLARE_FN(point_sum, 1, 0, 0, "sum", SOX_FN_METHOD);
DECLARE_FN(point_scale, 2, 1, 0, "scale", SOX_FN_METHOD);
DECLARE_FN(p3_init, 4, 3, 0, "init", SOX_FN_INITIALIZER);
DECLARE_FN(p3_sum, 1, 0, 0, "sum", SOX_FN_METHOD);
DECLARE_FN(double_it, 1, 1, 0, NULL, SOX_FN_LAMBDA);
DECLARE_FN(m9, 10, 9, 0, "m9", SOX_FN_METHOD);

static SoxValue Point, Point3; /* rooted below */

SOX_CODE static SoxValue sum9(ARGS9) {
    (void)self;
    SoxValue xs[] = {a0, a1, a2, a3, a4, a5, a6, a7, a8};
    SoxValue acc = NUM(0);
    for (int i = 0; i < 9; i++) acc = sox_add(sox_mul(acc, NUM(10)), xs[i]);
    return acc;
}
SOX_CODE static SoxValue sum12(ARGS12) {
    (void)self;
    SoxValue xs[] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11};
    SoxValue acc = S("");
    for (int i = 0; i < 12; i++) acc = sox_add(acc, xs[i]);
    return acc;
}
SOX_CODE static SoxValue counter(ARGS0) { /* captures one cell: n = n + 1; return n */
    self->cells[0]->value = sox_add(self->cells[0]->value, NUM(1));
    return self->cells[0]->value;
}
SOX_CODE static SoxValue point_init(ARGS3) {
    (void)self;
    sox_set_property(a0, S("x"), a1);
    sox_set_property(a0, S("y"), a2);
    return a0;
}
SOX_CODE static SoxValue point_sum(ARGS1) {
    (void)self;
    return sox_add(sox_get_property(a0, S("x")), sox_get_property(a0, S("y")));
}
SOX_CODE static SoxValue point_scale(ARGS2) {
    (void)self;
    return sox_mul(sox_invoke(a0, S("sum"), 0, NULL), a1);
}
SOX_CODE static SoxValue p3_init(ARGS4) { /* super.init(x, y); this.z = z */
    (void)self;
    SoxValue args[2] = {a1, a2};
    sox_invoke_super(Point, a0, S("init"), 2, args);
    sox_set_property(a0, S("z"), a3);
    return a0;
}
SOX_CODE static SoxValue p3_sum(ARGS1) { /* super.sum() + this.z, once through get_super */
    (void)self;
    SoxValue bound = sox_get_super(Point, a0, S("sum"));
    return sox_add(sox_call(bound, 0, NULL), sox_get_property(a0, S("z")));
}
SOX_CODE static SoxValue double_it(ARGS1) { (void)self; return sox_mul(a0, NUM(2)); }
SOX_CODE static SoxValue m9(ARGS10) {
    (void)self;
    return sox_add(sox_get_property(a0, S("x")), sox_add(a1, a9));
}
SOX_CODE_END()

void sox_program_entry(void) {
    static SoxValue roots[2];
    sox_gc_add_roots(roots, 2);
    SoxValue nine[9], twelve[12];
    for (int i = 0; i < 12; i++) {
        if (i < 9) nine[i] = NUM(i + 1);
        twelve[i] = NUM(i + 1);
    }
    sox_print(sox_call(CLOSURE(sum9), 9, nine));
    sox_print(sox_call(CLOSURE(sum12), 12, twelve));
    /* direct call with the arguments in registers and on the stack, as generated code does when aux == argc */
    SoxValue c9 = CLOSURE(sum9);
    SoxClosure* k9 = (SoxClosure*)SOX_AS_OBJ(c9);
    CHECK(k9->obj.aux == 9);
    SoxValue (*code9)(ARGS9) = (SoxValue(*)(ARGS9))k9->code;
    sox_print(code9(k9, NUM(9), NUM(8), NUM(7), NUM(6), NUM(5), NUM(4), NUM(3), NUM(2), NUM(1)));

    /* closures capturing a cell: two closures share it */
    SoxValue c1 = CLOSURE(counter), c2 = CLOSURE(counter);
    SoxCell* cell = sox_cell_new(NUM(10));
    ((SoxClosure*)SOX_AS_OBJ(c1))->cells[0] = cell;
    ((SoxClosure*)SOX_AS_OBJ(c2))->cells[0] = cell;
    sox_call(c1, 0, NULL);
    sox_call(c2, 0, NULL);
    sox_print(sox_call(c1, 0, NULL));

    /* natives through sox_call, including an optional argument */
    SoxValue s = S("hello");
    sox_print(sox_call(BUILTIN(len), 1, &s));
    sox_print(call2(BUILTIN(stringSubstring), s, NUM(1)));
    sox_print(call3(BUILTIN(stringSubstring), s, NUM(1), NUM(3)));

    /* classes */
    roots[0] = Point = sox_class_new(S("Point"));
    sox_class_add_method(Point, S("init"), CLOSURE(point_init));
    sox_class_add_method(Point, S("sum"), CLOSURE(point_sum));
    sox_class_add_method(Point, S("scale"), CLOSURE(point_scale));
    sox_class_add_method(Point, S("m9"), CLOSURE(m9));
    SoxValue p = call2(Point, NUM(3), NUM(4));
    sox_print(p);
    sox_print(sox_invoke(p, S("sum"), 0, NULL));
    SoxValue ten = NUM(10);
    sox_print(sox_invoke(p, S("scale"), 1, &ten));
    sox_print(sox_invoke(p, S("m9"), 9, nine));
    SoxValue bound = sox_get_property(p, S("sum"));
    sox_print(bound);
    sox_print(sox_call(bound, 0, NULL));
    sox_print(sox_call(BUILTIN(type), 1, &bound));
    /* a field shadows a method of the same name; invoke calls the field's value without a receiver */
    sox_set_property(p, S("sum"), CLOSURE(double_it));
    SoxValue seven = NUM(7);
    sox_print(sox_invoke(p, S("sum"), 1, &seven));
    sox_print(sox_get_property(p, S("x")));
    /* init stored as a bound method and called again returns the instance */
    SoxValue init = sox_get_property(p, S("init"));
    sox_print(call2(init, NUM(1), NUM(1)));
    sox_print(sox_get_property(p, S("y")));

    /* inheritance */
    roots[1] = Point3 = sox_class_new(S("Point3"));
    sox_class_inherit(Point3, Point);
    sox_class_add_method(Point3, S("init"), CLOSURE(p3_init));
    sox_class_add_method(Point3, S("sum"), CLOSURE(p3_sum));
    SoxValue q = call3(Point3, NUM(1), NUM(2), NUM(3));
    sox_print(q);
    sox_print(sox_invoke(q, S("sum"), 0, NULL));
    sox_print(sox_invoke(q, S("scale"), 1, &ten)); /* inherited scale calls the overriding sum */
    /* methods added to the superclass later are not seen (copy-down) */
    sox_class_add_method(Point, S("late"), CLOSURE(point_sum));
    SoxValue t = S("late");
    SoxValue zero = NUM(0);
    (void)t, (void)zero;
    sox_print(sox_invoke(call2(Point, NUM(5), NUM(5)), S("late"), 0, NULL));

    /* a subclass without init inherits the superclass's */
    SoxValue Sub = sox_class_new(S("Sub"));
    sox_class_inherit(Sub, Point);
    sox_print(sox_invoke(call2(Sub, NUM(2), NUM(2)), S("sum"), 0, NULL));

    /* tables: t.f(x) calls the stored function, t.b reads t["b"] */
    SoxValue tab = sox_table_new();
    sox_set_property(tab, S("f"), CLOSURE(double_it));
    sox_print(sox_invoke(tab, S("f"), 1, &seven));
    sox_print(sox_get_property(tab, S("nothing")));
    sox_print(sox_get_index(tab, S("f")));
    sox_print(tab);
}
