/* A variable of an 8-byte base type named SoxValue, as Sox debug information types Sox variables (not the C
 * typedef of sox_runtime.h): PrettyPrinterTests compiles this file to assembly with -g, renames the base type
 * `unsigned long long` to SoxValue there and assembles it. */
unsigned long long base_typed;
