// runtime-abi.md line tables: a return address ra belongs to f when f.start < ra <= f.start + f.size, and its
// line is that of the last entry with offset <= ra - 1 - start. Checked on a fake code region with several
// entries, at every boundary, and with two registered tables (each registered once even if repeated).
#include "sox_test_support.h"

static unsigned char code[256];
static const SoxLineEntry fLines[] = {{0, 10}, {16, 11}, {17, 12}, {64, 20}};
static const SoxLineEntry gLines[] = {{0, 30}};
static const SoxFunctionLines fns[] = {{code, 100, 4, "f", fLines}, {code + 100, 50, 1, NULL, gLines}};
static SoxCodeTable table = {2, 0, fns, NULL, "lines.sox"};
static unsigned char code2[16];
static const SoxLineEntry hLines[] = {{0, 7}};
static const SoxFunctionLines fns2[] = {{code2, 16, 1, "h", hLines}};
static SoxCodeTable table2 = {1, 0, fns2, NULL, "other.sox"};

static void probe(const unsigned char* ra) {
    uint32_t line = 0;
    const char* name = NULL;
    const char* file = NULL;
    if (sox_code_lookup(ra, &line, &name, &file))
        printf("%s %s:%u\n", name ? name : "script", file, line);
    else
        printf("none\n");
}

void sox_program_entry(void) {
    sox_register_code(&table);
    sox_register_code(&table2);
    sox_register_code(&table); /* again: no duplicate, no cycle */
    probe(code);           /* == start: not inside (ra > start) */
    probe(code + 1);       /* offset 0 */
    probe(code + 16);      /* offset 15 */
    probe(code + 17);      /* offset 16 */
    probe(code + 18);      /* offset 17 */
    probe(code + 64);      /* offset 63 */
    probe(code + 65);      /* offset 64 */
    probe(code + 100);     /* == start + size: still f */
    probe(code + 101);     /* g (script) */
    probe(code + 150);     /* end of g */
    probe(code + 151);     /* outside */
    probe(code2 + 3);
    probe(code2 + 17);
}
