/* Equality in the Lox benchmark's shape: a tagged value compared with a dynamically typed `==` (numbers, nil,
   booleans, strings by content), in a loop that counts the matches. */
#include <stdio.h>
#include <string.h>

typedef enum { NUMBER, NIL, BOOLEAN, STRING } Kind;
typedef struct {
    Kind kind;
    double number;
    int boolean;
    const char* string;
} Value;

static __attribute__((noinline)) int equal(Value a, Value b) {
    if (a.kind != b.kind) return 0;
    switch (a.kind) {
    case NUMBER: return a.number == b.number;
    case NIL: return 1;
    case BOOLEAN: return a.boolean == b.boolean;
    case STRING: return a.string == b.string || strcmp(a.string, b.string) == 0;
    }
    return 0;
}

int main(void) {
    char built[4] = {'s', 't', 0, 0};
    strcat(built, "r");
    Value one = {NUMBER, 1, 0, 0}, two = {NUMBER, 2, 0, 0}, none = {NIL, 0, 0, 0};
    Value yes = {BOOLEAN, 0, 1, 0}, no = {BOOLEAN, 0, 0, 0};
    Value s = {STRING, 0, 0, "str"}, s2 = {STRING, 0, 0, built}, stru = {STRING, 0, 0, "stru"};
    double count = 0;
    for (double i = 0; i < 2000000; i = i + 1) {
        count += equal(one, one) + equal(one, two) + equal(one, none) + equal(one, s) + equal(one, yes);
        count += equal(none, none) + equal(none, one) + equal(none, s) + equal(none, yes);
        count += equal(yes, yes) + equal(yes, one) + equal(yes, no) + equal(yes, s) + equal(yes, none);
        count += equal(s, s2) + equal(s, stru) + equal(s, one) + equal(s, none) + equal(s, yes);
    }
    printf("%.0f\n", count);
    return 0;
}
