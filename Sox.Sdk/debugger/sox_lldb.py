# sox_lldb.py — LLDB support for Sox programs (docs/debugging.md "Pretty printers"; README.md here), for lldb,
# CodeLLDB and Xcode:
#   - a type summary for every value whose type is named SoxValue (the runtime's typedef, or a typedef of that name
#     in Sox debug information; LLDB turns a bare DWARF base type into its builtin and loses the name): the value as
#     Sox prints it, strings quoted (category `sox`);
#   - `sox-print EXPR`: the same for any 64-bit expression (a register, a raw number).
# Load it with `command script import /path/to/sox_lldb.py` (or from ~/.lldbinit). The decoding is in
# sox_values.py beside this file; the object layouts come from the program's `sox_debug_layout` descriptor, so the
# runtime needs no debug information. A summary never raises: a value that cannot be decoded shows as
# <invalid SoxValue 0x...>.
import os
import sys

import lldb

# This file's folder, from the code being run: gdb's `source` from inside another script (an auto-loaded
# PROGRAM-gdb.py) leaves __file__ naming the outer script.
_here = os.path.dirname(os.path.abspath(sys._getframe(0).f_code.co_filename))
if _here not in sys.path:
    sys.path.insert(0, _here)
if "sox_values" in sys.modules:  # importing this file again picks up an edited sox_values.py
    import importlib
    importlib.reload(sys.modules["sox_values"])
import sox_values  # noqa: E402

TYPE_NAME = "SoxValue"
CATEGORY = "sox"

_layout_cache = {}  # (process id, descriptor address) -> Layout
_warned = set()


def _reader(process, target):
    def read(address, size):
        error = lldb.SBError()
        data = None
        if process is not None and process.IsValid():
            data = process.ReadMemory(address, size, error)
        else:  # no process: the program's file (globals before `run`)
            data = target.ReadMemory(target.ResolveLoadAddress(address), size, error)
        if not error.Success() or data is None:
            raise IOError(error.GetCString() or "cannot read 0x%x" % address)
        return data
    return read


def _descriptor_address(target):
    contexts = target.FindSymbols(sox_values.LAYOUT_SYMBOL)
    for i in range(contexts.GetSize()):
        symbol = contexts.GetContextAtIndex(i).GetSymbol()
        if not symbol.IsValid():
            continue
        address = symbol.GetStartAddress().GetLoadAddress(target)
        if address == lldb.LLDB_INVALID_ADDRESS:
            address = symbol.GetStartAddress().GetFileAddress()
        if address != lldb.LLDB_INVALID_ADDRESS:
            return address
    return None


def _warn_once(debugger, message):
    if message not in _warned:
        _warned.add(message)
        stream = debugger.GetErrorFileHandle() if debugger is not None else None
        (stream or sys.stderr).write("sox: %s\n" % message)


def current_layout(target, process, read):
    """The layout of the program: its descriptor, read once per process, else the built-in one."""
    address = _descriptor_address(target)
    pid = process.GetUniqueID() if process is not None and process.IsValid() else 0
    key = (pid, address)
    layout = _layout_cache.get(key)
    if layout is None:
        if address is not None:
            try:
                layout = sox_values.Layout.read(read, address)
            except sox_values.LayoutError as e:
                _warn_once(target.GetDebugger(), "%s; using the built-in layout" % e)
        else:
            _warn_once(target.GetDebugger(), "no %s symbol in this program (stripped?); using the built-in layout"
                       % sox_values.LAYOUT_SYMBOL)
        if layout is None:
            layout = sox_values.Layout.default()
        _layout_cache.clear()
        _layout_cache[key] = layout
    return layout


def format_bits(bits, target, process):
    """The text of a 64-bit SoxValue; never raises."""
    try:
        read = _reader(process, target)
        return sox_values.Formatter(current_layout(target, process, read), read).format(bits)
    except Exception:
        return sox_values.invalid(bits)


def _bits(valobj):
    """The 64 bits of an 8-byte value, or None."""
    error = lldb.SBError()
    data = valobj.GetData()
    if not data.IsValid() or data.GetByteSize() < 8:
        return None
    bits = data.GetUnsignedInt64(error, 0)
    return bits if error.Success() else None


def summary(valobj, internal_dict, options=None):
    """The type summary of SoxValue."""
    try:
        bits = _bits(valobj)
        if bits is None:
            return "<unreadable SoxValue>"
        return format_bits(bits, valobj.GetTarget(), valobj.GetProcess())
    except Exception:
        return "<unreadable SoxValue>"


def sox_print(debugger, command, exe_ctx, result, internal_dict):
    """Print a Sox value as Sox prints it: sox-print EXPR (a SoxValue, a register such as $rdi or $x0, a number)."""
    expression = command.strip()
    if not expression:
        result.SetError("usage: sox-print EXPR")
        return
    target = exe_ctx.GetTarget()
    frame = exe_ctx.GetFrame()
    value = frame.EvaluateExpression(expression) if frame.IsValid() else target.EvaluateExpression(expression)
    if not value.GetError().Success():
        result.SetError(value.GetError().GetCString() or "cannot evaluate " + expression)
        return
    bits = _bits(value)
    if bits is None:
        bits = value.GetValueAsUnsigned() & 0xFFFFFFFFFFFFFFFF
    result.AppendMessage(format_bits(bits, target, exe_ctx.GetProcess()))


def __lldb_init_module(debugger, internal_dict):
    module = __name__
    debugger.HandleCommand('type summary add --no-value --category %s --python-function %s.summary "%s"'
                           % (CATEGORY, module, TYPE_NAME))
    debugger.HandleCommand("type category enable %s" % CATEGORY)
    if debugger.GetCommandInterpreter().CommandExists("sox-print"):
        debugger.HandleCommand("command script delete sox-print")
    debugger.HandleCommand("command script add --function %s.sox_print sox-print" % module)
