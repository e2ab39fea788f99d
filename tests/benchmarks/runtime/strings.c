/* Strings: 2 million concatenations (each a fresh 10-byte string from malloc) and 4 million
   comparisons against strings with the same length, one equal and one not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* concat(const char* a, const char* b) {
    size_t la = strlen(a), lb = strlen(b);
    char* s = malloc(la + lb + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

static long run(long n) {
    const char* a = "hello";
    const char* b = "world";
    long forward = 0, backward = 0;
    for (long i = 0; i < n; i++) {
        char* s = concat(a, b);
        if (strcmp(s, "helloworld") == 0) forward++;
        if (strcmp(s, "worldhello") == 0) backward++;
        free(s);
        const char* t = a;
        a = b;
        b = t;
    }
    return forward * 10 + backward;
}

int main(void) {
    printf("%ld\n", run(2000000));
    return 0;
}
