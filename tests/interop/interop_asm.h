/* Assembly helpers for the interop tests' C files (tests/interop/README.md): function labels for ELF and COFF
 * (win-x64) targets and 64-bit constants on arm64. Each test file keeps its assembly next to the C it belongs to. */
#ifndef INTEROP_ASM_H
#define INTEROP_ASM_H

#if defined(__x86_64__) && defined(_WIN32)
/* COFF: a function symbol is declared with .def (storage class 2 = external, type 32 = function). Leaf helpers need
 * no unwind data (a function without a RUNTIME_FUNCTION is a leaf that leaves RSP alone); helpers with a frame
 * describe it with .seh_* directives. */
#define ASM_FUNCTION(name) ".globl " #name "\n.def " #name "; .scl 2; .type 32; .endef\n" #name ":\n"
#define ASM_CALL(name) "    call " #name "\n"
#elif defined(__x86_64__)
#define ASM_FUNCTION(name) ".globl " #name "\n.type " #name ", @function\n" #name ":\n"
/* Calls to exports go through the PLT form so the objects link into PIE executables. */
#define ASM_CALL(name) "    call " #name "@PLT\n"
#elif defined(__aarch64__)
#define ASM_FUNCTION(name) ".globl " #name "\n.type " #name ", %function\n" #name ":\n"
#define ASM_CALL(name) "    bl " #name "\n"
/* reg = 0xAAAABBBBCCCCDDDD, given as four 16-bit halves from the top. */
#define MOV64(reg, a, b, c, d) \
    "    movz " reg ", #" a ", lsl #48\n    movk " reg ", #" b ", lsl #32\n    movk " reg ", #" c ", lsl #16\n    movk " reg ", #" d "\n"
#else
#error "interop tests: no assembly for this architecture"
#endif

#endif
