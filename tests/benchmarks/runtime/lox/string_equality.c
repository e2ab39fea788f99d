/* String equality: strings that share a long prefix and differ late (or only in length), compared by length and
   contents (as a dynamic language without interning must), counting the matches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t length;
    char* chars;
} String;

static String concat(const char* x, const char* y) {
    String s;
    s.length = strlen(x) + strlen(y);
    s.chars = malloc(s.length + 1);
    strcpy(s.chars, x);
    strcat(s.chars, y);
    return s;
}

static __attribute__((noinline)) int equal(const String* x, const String* y) {
    return x == y || (x->length == y->length && memcmp(x->chars, y->chars, x->length) == 0);
}

int main(void) {
    String half = concat("the quick brown fox jumps over the lazy dog, ", "");
    String prefix = concat(half.chars, half.chars);
    String alph = concat(prefix.chars, "alph");
    String a = concat(prefix.chars, "alpha"), a2 = concat(alph.chars, "a");
    String b = concat(prefix.chars, "alphb"), c = concat(prefix.chars, "alpha!");
    double count = 0;
    for (double i = 0; i < 1000000; i = i + 1) {
        count += equal(&a, &a2) + equal(&a, &b) + equal(&a2, &b) + equal(&a, &c);
        count += equal(&b, &c) + equal(&a, &prefix) + equal(&c, &a2) + equal(&b, &b);
    }
    printf("%.0f\n", count);
    return 0;
}
