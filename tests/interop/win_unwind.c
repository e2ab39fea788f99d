/* win_unwind.sox: RtlVirtualUnwind from C called deep inside Sox code (docs/calling-conventions.md "Unwind data"). */
#include <stdint.h>
#if defined(_WIN32)
#include <windows.h>

static int64_t errors = 0, recursion = 0, checked = 0;

int64_t sx_deep(int64_t depth);

/* Walks from here to the thread's first frame. Every frame must have a RUNTIME_FUNCTION (the top frame, this one,
   always has; a frame without one would be a leaf in the middle of the stack, which is an error). The frames of
   the Sox function that recursed down to here (the fourth frame's function) must have RBP as frame register and
   agree with the frame-pointer chain: the caller's RSP is RBP + 16, its RBP is [RBP] and the return address
   [RBP + 8]. The walk must end at the thread's first frame (return address 0). */
int64_t win_walk(void) {
    CONTEXT ctx;
    DWORD64 recursiveBegin = 0;
    int frames;
    RtlCaptureContext(&ctx);
    for (frames = 0; frames < 100000 && ctx.Rip != 0; frames++) {
        DWORD64 base, establisher;
        PVOID handlerData;
        PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(ctx.Rip, &base, NULL);
        if (f == NULL) {
            if (frames > 0) errors++;
            ctx.Rip = *(DWORD64*)ctx.Rsp;
            ctx.Rsp += 8;
            continue;
        }
        {
            const unsigned char* info = (const unsigned char*)(base + f->UnwindData);
            int frameRegister = info[3] & 15;
            DWORD64 rbp = ctx.Rbp, begin = base + f->BeginAddress;
            RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, ctx.Rip, f, &ctx, &handlerData, &establisher, NULL);
            if (frames == 3) recursiveBegin = begin;          /* win_walk <- wrapper <- down(0) <- down(1) */
            /* Frames of the Sox recursion: RBP is their frame register, and chain and unwind data agree. */
            if (recursiveBegin != 0 && begin == recursiveBegin) {
                recursion++;
                checked++;
                if (frameRegister != 5 || ctx.Rsp != rbp + 16 || ctx.Rbp != *(DWORD64*)rbp || ctx.Rip != *(DWORD64*)(rbp + 8)) errors++;
            }
        }
    }
    if (ctx.Rip != 0) errors++;
    return 7;
}

int64_t win_recursion_frames(void) { return recursion; }
int64_t win_frames_checked(void) { return checked; }
int64_t win_errors(void) { return errors; }
int64_t win_call_export(int64_t depth) { return sx_deep(depth); }
#endif
