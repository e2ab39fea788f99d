// args: one two
// env: SOX_TEST_VAR=set-by-runner
// Every built-in function of §8, called through sox_call with the compiler's value for it.
#include "sox_test_support.h"

#if defined(_WIN32)
#define EXPECTED_PLATFORM "windows"
#elif defined(__APPLE__)
#define EXPECTED_PLATFORM "darwin"
#else
#define EXPECTED_PLATFORM "linux"
#endif

#include <math.h>

#define P(x) sox_print(x)
#define B(name) BUILTIN(name)

void sox_program_entry(void) {
    /* clock, sleeping */
    double t0 = AS_NUM(call0(B(clock)));
    call1(B(usleep), NUM(20000));
    call1(B(sysSleep), NUM(0.02));
    double t1 = AS_NUM(call0(B(clock)));
    P(SOX_BOOL_VAL(t1 - t0 >= 0.039 && t1 - t0 < 5));
    /* len, push, pop, type, Table, str, num */
    SoxValue arr = sox_array_new(0, NULL);
    P(sox_equal(call2(B(push), arr, NUM(1)), arr));
    call2(B(push), arr, S("two"));
    P(arr);
    P(call1(B(len), arr));
    P(call1(B(len), S("héllo"))); /* bytes */
    SoxValue tab = call0(B(Table));
    sox_table_set(tab, S("a"), NUM(1));
    P(call1(B(len), tab));
    P(call1(B(pop), arr));
    P(call1(B(pop), arr));
    P(call1(B(pop), arr));
    SoxValue values[] = {NIL, TRUE_, NUM(1), S("s"), BUILTIN(len), sox_class_new(S("K")), arr, tab};
    for (int i = 0; i < 8; i++) P(call1(B(type), values[i]));
    P(call1(B(type), sox_call(values[5], 0, NULL)));
    P(call1(B(str), NUM(0.1)));
    P(sox_add(call1(B(str), arr), S("|")));
    P(call1(B(str), tab));
    const char* nums[] = {"42", " -3.5 ", "1e3", "+7", ".5", "5.", "abc", "", "1x", "inf", "nan", "0x10", "-"};
    for (int i = 0; i < 13; i++) P(call1(B(num), S(nums[i])));
    P(call1(B(num), NUM(8)));
    P(call1(B(num), NIL));
    /* strings */
    P(call1(B(stringUpper), S("Hello, World 1")));
    P(call1(B(stringLower), S("Hello, World 1")));
    P(sox_add(sox_add(S("["), call1(B(stringTrim), S(" \t x y \n"))), S("]")));
    P(call1(B(stringTrim), S("   ")));
    P(call2(B(stringIndexOf), S("hello"), S("l")));
    P(call2(B(stringIndexOf), S("hello"), S("z")));
    P(call2(B(stringIndexOf), S("hello"), S("")));
    P(call2(B(stringSubstring), S("hello"), NUM(1)));
    P(call3(B(stringSubstring), S("hello"), NUM(1), NUM(3)));
    P(call3(B(stringSubstring), S("hello"), NUM(3), NUM(100)));
    P(sox_add(call3(B(stringSubstring), S("hello"), NUM(4), NUM(2)), S("<empty")));
    SoxValue r3[] = {S("a-b-a"), S("a"), S("x")};
    P(sox_call(B(stringReplace), 3, r3));
    SoxValue r4[] = {S("abc"), S("z"), S("x")};
    P(sox_call(B(stringReplace), 3, r4));
    P(call2(B(stringStartsWith), S("hello"), S("he")));
    P(call2(B(stringStartsWith), S("hello"), S("lo")));
    P(call2(B(stringEndsWith), S("hello"), S("lo")));
    P(call2(B(stringEndsWith), S("lo"), S("hello")));
    P(call2(B(stringSplit), S("a,,b,"), S(",")));
    P(call2(B(stringSplit), S("a::b"), S("::")));
    P(call2(B(stringSplit), S("abc"), S("")));
    P(call1(B(len), call2(B(stringSplit), S(""), S(","))));
    /* math */
    P(call1(B(mathSqrt), NUM(16)));
    P(call2(B(mathPow), NUM(2), NUM(10)));
    P(call1(B(mathFloor), NUM(-1.5)));
    P(call1(B(mathCeil), NUM(-1.5)));
    P(call1(B(mathRound), NUM(2.5)));
    P(call1(B(mathRound), NUM(-2.5)));
    P(call1(B(mathRound), NUM(0.49999999999999994)));
    P(call1(B(mathSin), NUM(0)));
    P(call1(B(mathCos), NUM(0)));
    P(call1(B(mathTan), NUM(0)));
    P(call1(B(mathSqrt), NUM(-1)));
    call1(B(mathSrand), NUM(7));
    double r1 = AS_NUM(call0(B(mathRandom)));
    double r2 = AS_NUM(call2(B(mathRandomInt), NUM(1), NUM(6)));
    call1(B(mathSrand), NUM(7));
    P(SOX_BOOL_VAL(AS_NUM(call0(B(mathRandom))) == r1 && AS_NUM(call2(B(mathRandomInt), NUM(1), NUM(6))) == r2));
    int seen[7] = {0};
    bool inRange = true;
    for (int i = 0; i < 10000; i++) {
        double x = AS_NUM(call0(B(mathRandom)));
        double k = AS_NUM(call2(B(mathRandomInt), NUM(1), NUM(6)));
        inRange = inRange && x >= 0 && x < 1 && k >= 1 && k <= 6 && k == floor(k);
        if (k >= 1 && k <= 6) seen[(int)k]++;
    }
    P(SOX_BOOL_VAL(inRange && seen[1] && seen[6] && seen[3]));
    P(call2(B(mathRandomInt), NUM(4), NUM(4)));
    /* arrays */
    SoxValue xs[] = {NUM(0), NUM(1), NUM(2), NUM(3), S("x")};
    SoxValue a = sox_array_new(5, xs);
    P(call2(B(arraySlice), a, NUM(1)));
    P(call3(B(arraySlice), a, NUM(1), NUM(3)));
    P(call3(B(arraySlice), a, NUM(3), NUM(1)));
    P(call1(B(arrayReverse), a));
    P(a);
    P(call2(B(arrayIndexOf), a, S("x")));
    P(call2(B(arrayIndexOf), a, NUM(9)));
    P(call2(B(arrayContains), a, NUM(2)));
    P(call2(B(arrayContains), a, S("y")));
    P(call2(B(arrayJoin), a, S(", ")));
    SoxValue inner = sox_table_new();
    sox_table_set(inner, S("k"), S("v"));
    SoxValue ys[] = {S("s"), inner, NIL};
    P(call2(B(arrayJoin), sox_array_new(3, ys), S("-")));
    /* system */
    SoxValue args = call0(B(sysArgs));
    P(call1(B(len), args));
    P(sox_get_index(args, NUM(1)));
    P(sox_get_index(args, NUM(2)));
    P(call1(B(sysGetenv), S("SOX_TEST_VAR")));
    P(call1(B(sysGetenv), S("SOX_SURELY_UNSET_VARIABLE")));
    /* the platform this program was compiled for (runs natively, under qemu and under wine) */
    SoxValue platform = call0(B(sysPlatform));
    P(SOX_BOOL_VAL(strcmp(((SoxString*)SOX_AS_OBJ(platform))->chars, EXPECTED_PLATFORM) == 0));
    P(BUILTIN(sysOnExit));
}
