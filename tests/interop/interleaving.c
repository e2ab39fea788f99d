/* C output through stdio (interleaving.sox): printf, puts, putchar and fputs without flushing, from plain calls
 * and from inside an export callback. */
#include <stdint.h>
#include <stdio.h>

void c_printf(const char* s) { printf("printf: %s\n", s); }
void c_puts(const char* s) { puts(s); }
void c_partial(const char* s) { printf("%s", s); } /* no newline: the line is finished by Sox */
void c_chars(const char* s) {
    for (const char* p = s; *p; p++) putchar(*p);
    putchar('\n');
}
void c_fputs(const char* s) { fputs(s, stdout); }
void sx_log(const char* s);
void c_around(const char* s) {
    printf("C before %s\n", s);
    sx_log(s);
    printf("C after %s\n", s);
}
