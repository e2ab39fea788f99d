# sox_gdb.py — gdb support for Sox programs (docs/debugging.md "Pretty printers"; README.md here):
#   - a pretty printer for every value whose type is named SoxValue (the runtime's typedef, or the base type Sox
#     debug information gives Sox variables): it prints the value as Sox prints it, strings quoted;
#   - `sox-print EXPR`: the same for any 64-bit expression (a register, an address's contents, a raw number).
# Load it with `source /path/to/sox_gdb.py` (or from ~/.gdbinit). The decoding is in sox_values.py beside this
# file; the object layouts come from the program's `sox_debug_layout` descriptor, so the runtime needs no debug
# information. Printing never raises: a value that cannot be decoded prints as <invalid SoxValue 0x...>.
import os
import struct
import sys

import gdb
import gdb.printing

# This file's folder, from the code being run: gdb's `source` from inside another script (an auto-loaded
# PROGRAM-gdb.py) leaves __file__ naming the outer script.
_here = os.path.dirname(os.path.abspath(sys._getframe(0).f_code.co_filename))
if _here not in sys.path:
    sys.path.insert(0, _here)
if "sox_values" in sys.modules:  # sourcing this file again picks up an edited sox_values.py
    import importlib
    importlib.reload(sys.modules["sox_values"])
import sox_values  # noqa: E402

TYPE_NAME = "SoxValue"

_layout_cache = {}  # (inferior number, pid, descriptor address) -> Layout
_warned = set()


def _read_memory(address, size):
    return gdb.selected_inferior().read_memory(address, size).tobytes()


def _descriptor_address():
    """The address of sox_debug_layout in the current program, or None. The runtime has no debug information, so
    the symbol is a minimal (linker) symbol: its address is what gdb can give."""
    try:
        return int(gdb.parse_and_eval("&%s" % sox_values.LAYOUT_SYMBOL).cast(gdb.lookup_type("unsigned long long")))
    except Exception:
        pass
    try:
        text = gdb.execute("info address %s" % sox_values.LAYOUT_SYMBOL, to_string=True)
        for word in text.replace(".", " ").split():
            if word.startswith("0x"):
                return int(word, 16)
    except Exception:
        pass
    return None


def _warn_once(message):
    if message not in _warned:
        _warned.add(message)
        gdb.write("sox: %s\n" % message, gdb.STDERR)


def current_layout():
    """The layout of the program being debugged: its descriptor, read once per process, else the built-in one."""
    inferior = gdb.selected_inferior()
    address = _descriptor_address()
    key = (inferior.num, inferior.pid, address)
    layout = _layout_cache.get(key)
    if layout is None:
        if address is not None:
            try:
                layout = sox_values.Layout.read(_read_memory, address)
            except sox_values.LayoutError as e:
                _warn_once("%s; using the built-in layout" % e)
        else:
            _warn_once("no %s symbol in this program (stripped?); using the built-in layout"
                       % sox_values.LAYOUT_SYMBOL)
        if layout is None:
            layout = sox_values.Layout.default()
        _layout_cache.clear()
        _layout_cache[key] = layout
    return layout


def _ascii_only():
    try:
        charset = gdb.host_charset()
    except Exception:
        return True
    return charset.upper().replace("-", "") not in ("UTF8", "UTF16", "UTF32")


def format_value(bits):
    """The text of a 64-bit SoxValue; never raises."""
    try:
        return sox_values.Formatter(current_layout(), _read_memory, ascii_only=_ascii_only()).format(bits)
    except Exception:
        return sox_values.invalid(bits)


def _value_bits(value):
    """The 64 bits of a gdb.Value of an integer, pointer or 8-byte type."""
    t = value.type.strip_typedefs()
    if t.code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_ENUM, gdb.TYPE_CODE_CHAR, gdb.TYPE_CODE_BOOL, gdb.TYPE_CODE_PTR):
        return int(value.cast(gdb.lookup_type("unsigned long long"))) & 0xFFFFFFFFFFFFFFFF
    if t.code == gdb.TYPE_CODE_FLT and t.sizeof == 8:  # a double: its bits are the number's SoxValue
        return struct.unpack("<Q", struct.pack("<d", float(value)))[0]
    if t.sizeof == 8 and value.address is not None:
        return int.from_bytes(_read_memory(int(value.address), 8), "little")
    raise gdb.GdbError("sox-print: a SoxValue is 8 bytes in memory or an integer; %s is %d bytes" % (value.type, t.sizeof))


def is_sox_value_type(t):
    """Whether t, or a typedef it goes through, is named SoxValue (const and volatile ignored)."""
    for _ in range(16):
        t = t.unqualified()
        if t.name == TYPE_NAME:
            return True
        if t.code != gdb.TYPE_CODE_TYPEDEF:
            return False
        t = t.target()
    return False


class SoxValuePrinter(object):
    def __init__(self, value):
        self.value = value

    def to_string(self):
        try:
            bits = _value_bits(self.value)
        except Exception:
            return "<unreadable SoxValue>"
        return format_value(bits)


class SoxPrettyPrinter(gdb.printing.PrettyPrinter):
    """The `sox` printer: SoxValue (`info pretty-printer`, `disable pretty-printer global sox`)."""

    def __init__(self):
        super(SoxPrettyPrinter, self).__init__("sox", [])

    def __call__(self, value):
        if not self.enabled:
            return None
        try:
            if is_sox_value_type(value.type) and value.type.strip_typedefs().sizeof == 8:
                return SoxValuePrinter(value)
        except Exception:
            return None
        return None


class SoxPrintCommand(gdb.Command):
    """Print a Sox value as Sox prints it: sox-print EXPR

EXPR is any 64-bit expression: a SoxValue variable, a register ($rdi, $x0), a number, or *(unsigned long*)ADDR."""

    def __init__(self):
        super(SoxPrintCommand, self).__init__("sox-print", gdb.COMMAND_DATA, gdb.COMPLETE_EXPRESSION)

    def invoke(self, argument, from_tty):
        if not argument.strip():
            raise gdb.GdbError("usage: sox-print EXPR")
        try:
            value = gdb.parse_and_eval(argument)
            bits = _value_bits(value)
        except gdb.GdbError:
            raise
        except Exception as e:  # gdb.error, gdb.MemoryError: say it as gdb's own commands do
            raise gdb.GdbError(str(e))
        gdb.write(format_value(bits) + "\n")


def register(objfile=None):
    gdb.printing.register_pretty_printer(objfile, SoxPrettyPrinter(), replace=True)


register(None)
SoxPrintCommand()
