# sox_values.py — decodes a Sox value (a NaN-boxed 64-bit SoxValue) into the text Sox would print for it, for the
# debugger front ends sox_gdb.py and sox_lldb.py. Plain Python 3 with no debugger import: a front end hands it a
# function that reads the inferior's memory, so the same code runs under gdb, LLDB and the unit tests.
#
# The runtime is compiled without debug information, so the object layouts are not in DWARF. The runtime exports a
# read-only descriptor instead, `sox_debug_layout` (Sox.Sdk/runtime/sox_debug.c, which describes the format): magic,
# version, the NaN-boxing constants and a list of named uint32 entries (offsets, sizes, object kinds). Layout.read
# parses it; Layout.default() is the same layout built in, for a program without the symbol (stripped).
#
# Formatter.format never raises: every read is checked (unreadable memory, unknown object kind, a count beyond its
# capacity, a string without its NUL, a shape that is not its class's), containers met again on the current path
# print as Sox prints them ([...], {...}), nesting deeper than max_depth prints the same way, containers show their
# first max_elements items then `...`, and the whole text is bounded. A value that cannot be decoded prints as
# `<invalid SoxValue 0x...>`.
import struct

LAYOUT_SYMBOL = "sox_debug_layout"
LAYOUT_MAGIC = 0x44584F53  # "SOXD"
LAYOUT_MAJOR = 1

# The named entries this decoder reads (a descriptor may have more).
REQUIRED_ENTRIES = (
    "valueSize", "objType",
    "typeString", "typeClosure", "typeCell", "typeNative", "typeClass", "typeInstance", "typeBoundMethod",
    "typeArray", "typeTable", "typePointer",
    "stringLength", "stringChars",
    "arrayCount", "arrayCapacity", "arrayItems",
    "tableData", "tableDataCount", "tableDataCapacity", "tableDataEntries", "entrySize", "entryKey", "entryValue",
    "instanceClass", "instanceShape", "instanceOverflow", "instanceFields",
    "shapeClass", "shapeParent", "shapeName", "shapeCount", "shapeInlineCapacity",
    "className", "closureFunction", "functionName", "functionKind", "functionKindScript", "functionKindLambda",
    "nativeName", "boundMethodMethod", "cellValue", "pointerPointer",
)

# The layout of descriptor version 1.0 on the 64-bit targets (linux-x64, linux-arm64, osx-arm64, win-x64): what
# sox_debug.c gives today, for programs whose symbol table was stripped.
_DEFAULT_ENTRIES = {
    "valueSize": 8, "pointerSize": 8, "objSize": 8, "objType": 0, "objFlags": 1, "objAux": 4,
    "typeString": 1, "typeClosure": 2, "typeCell": 3, "typeNative": 4, "typeClass": 5, "typeInstance": 6,
    "typeBoundMethod": 7, "typeArray": 8, "typeTable": 9, "typePointer": 10,
    "stringLength": 8, "stringChars": 16,
    "arrayCount": 8, "arrayCapacity": 12, "arrayItems": 16,
    "tableData": 8, "tableDataCount": 0, "tableDataCapacity": 4, "tableDataEntries": 8, "entrySize": 16,
    "entryKey": 0, "entryValue": 8,
    "instanceClass": 8, "instanceShape": 16, "instanceOverflow": 24, "instanceFields": 32,
    "shapeClass": 8, "shapeParent": 16, "shapeName": 24, "shapeCount": 32, "shapeInlineCapacity": 36,
    "className": 8, "closureFunction": 16, "closureCells": 24, "functionName": 24, "functionKind": 32,
    "functionKindScript": 3, "functionKindLambda": 4, "nativeName": 16, "boundMethodReceiver": 8,
    "boundMethodMethod": 16, "cellValue": 8, "pointerPointer": 8,
}

_HEADER = struct.Struct("<IIIIIIQQQQQQQ")  # magic .. entryNames, then the six constants: 80 bytes


class LayoutError(Exception):
    """The descriptor could not be read or is not one this decoder knows."""


class Layout(object):
    """Where the runtime keeps what: the NaN-boxing constants and the named entries of sox_debug_layout."""

    def __init__(self, constants, entries, version, address):
        self.qnan, self.sign, self.nil, self.false, self.true, self.undefined = constants
        self.entries = dict(entries)
        self.version = version
        self.address = address  # of the descriptor read, or None for the built-in default
        self.pointer_mask = ~(self.sign | self.qnan) & 0xFFFFFFFFFFFFFFFF
        missing = [name for name in REQUIRED_ENTRIES if name not in self.entries]
        if missing:
            raise LayoutError("sox_debug_layout lacks " + ", ".join(missing))
        if self.entries["valueSize"] != 8:
            raise LayoutError("sox_debug_layout: values of %d bytes" % self.entries["valueSize"])
        for name, value in self.entries.items():
            setattr(self, name, value)

    @staticmethod
    def default():
        return Layout((0x7FFC000000000000, 0x8000000000000000, 0x7FFC000000000001, 0x7FFC000000000002,
                       0x7FFC000000000003, 0x7FFC000000000004), _DEFAULT_ENTRIES, 0x00010000, None)

    @staticmethod
    def read(read_memory, address):
        """Parses the descriptor at address; read_memory(address, size) returns bytes or raises."""
        try:
            header = bytes(read_memory(address, _HEADER.size))
        except Exception as e:
            raise LayoutError("cannot read sox_debug_layout at 0x%x: %s" % (address, e))
        if len(header) != _HEADER.size:
            raise LayoutError("short read of sox_debug_layout")
        fields = _HEADER.unpack(header)
        magic, version, size, count, offset, _reserved, names_address = fields[:7]
        if magic != LAYOUT_MAGIC:
            raise LayoutError("sox_debug_layout at 0x%x has magic 0x%08x, not 0x%08x (a big-endian target or not "
                              "a Sox runtime)" % (address, magic, LAYOUT_MAGIC))
        if version >> 16 != LAYOUT_MAJOR:
            raise LayoutError("sox_debug_layout version %d.%d; this printer reads version %d"
                              % (version >> 16, version & 0xFFFF, LAYOUT_MAJOR))
        if count == 0 or count > 4096 or offset < _HEADER.size or offset + 4 * count > size or size > 65536:
            raise LayoutError("sox_debug_layout has a bad size (%d entries at +%d in %d bytes)" % (count, offset, size))
        try:
            raw = bytes(read_memory(address + offset, 4 * count))
            names = read_c_string(read_memory, names_address, 16 * 4096).split()
        except Exception as e:
            raise LayoutError("cannot read sox_debug_layout's entries: %s" % e)
        if len(names) != count:
            raise LayoutError("sox_debug_layout names %d entries but has %d" % (len(names), count))
        values = struct.unpack("<%dI" % count, raw)
        return Layout(fields[7:], zip(names, values), version, address)

    def describe(self):
        where = "built-in default" if self.address is None else "read at 0x%x" % self.address
        return "sox_debug_layout %d.%d (%s)" % (self.version >> 16, self.version & 0xFFFF, where)


def read_c_string(read_memory, address, limit=256):
    """A NUL-ended byte string of at most limit bytes, read in pieces that never cross a 64-byte boundary (so a
    name near the end of a mapping is still read). Returns str (UTF-8, undecodable bytes replaced)."""
    if address == 0:
        raise ValueError("NULL string")
    out = bytearray()
    while len(out) < limit:
        chunk = 64 - (address + len(out)) % 64
        data = bytes(read_memory(address + len(out), chunk))
        end = data.find(b"\0")
        if end >= 0:
            out += data[:end]
            return out.decode("utf-8", "replace")
        out += data
    raise ValueError("string longer than %d bytes" % limit)


class _Invalid(Exception):
    pass


class _Budget(Exception):
    pass


def format_number(d):
    """Sox's print form of a double (sox_format_number in sox_print.c; language.md §2.3)."""
    if d != d:
        return "nan"
    if d in (float("inf"), float("-inf")):
        return "inf" if d > 0 else "-inf"
    sign = ""
    if d < 0 or (d == 0 and str(d).startswith("-")):
        sign = "-"
        d = -d
    if d == 0:
        return sign + "0"
    if d < 9007199254740992.0 and d == int(d):
        return sign + str(int(d))
    # Python's repr is the shortest text that reads back as d (the closest one on ties): Sox's digits too.
    text = repr(d)
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + (int(exponent) if exponent else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k, n = len(digits), point  # d = 0.d1d2...dk * 10^n
    if k <= n <= 21:
        out = digits + "0" * (n - k)
    elif 0 < n <= 21:
        out = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        out = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + out


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def quote_string(data, ascii_only=False):
    """The bytes of a Sox string between double quotes, escaped as a Sox literal would write them (language.md
    §1.5): \\" \\\\ \\n \\t \\r \\0, other control characters as \\u{HEX}; a byte that is not UTF-8 (Sox has no
    escape for one) as \\xHH. ascii_only escapes every other non-ASCII character as \\u{HEX} too."""
    text = bytes(data).decode("utf-8", "surrogateescape")
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif 0xDC80 <= code <= 0xDCFF:
            out.append("\\x%02X" % (code - 0xDC00))
        elif code < 0x20 or 0x7F <= code < 0xA0 or (ascii_only and code > 0x7F):
            out.append("\\u{%X}" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Formatter(object):
    """Formats SoxValues with a Layout and a memory reader (read_memory(address, size) -> bytes, raising on an
    unreadable address)."""

    def __init__(self, layout, read_memory, max_depth=8, max_elements=100, max_string=200, max_chars=4000,
                 max_objects=2000, ascii_only=False):
        self.layout = layout
        self.read_memory = read_memory
        self.max_depth = max_depth
        self.max_elements = max_elements
        self.max_string = max_string
        self.max_chars = max_chars
        self.max_objects = max_objects
        self.ascii_only = ascii_only

    # ---- the entry point ----
    def format(self, value):
        """The text for the 64-bit value; never raises."""
        value &= 0xFFFFFFFFFFFFFFFF
        self._objects = 0
        self._length = 0
        try:
            out = []
            self._value(value, out, [], 0)
            return "".join(out)
        except _Budget:
            return "".join(out) + "..."
        except Exception:
            return invalid(value)

    # ---- memory ----
    def _read(self, address, size):
        if address <= 0 or address + size > 1 << 64:
            raise _Invalid()
        try:
            data = bytes(self.read_memory(address, size))
        except Exception:
            raise _Invalid()
        if len(data) != size:
            raise _Invalid()
        return data

    def _u8(self, address):
        return self._read(address, 1)[0]

    def _u32(self, address):
        return struct.unpack("<I", self._read(address, 4))[0]

    def _u64(self, address):
        return struct.unpack("<Q", self._read(address, 8))[0]

    def _u64s(self, address, count):
        return struct.unpack("<%dQ" % count, self._read(address, 8 * count)) if count else ()

    # ---- values ----
    def _object(self, value):
        """The address of the object a value points at, and its kind; raises _Invalid for anything else."""
        L = self.layout
        if value & (L.qnan | L.sign) != (L.qnan | L.sign):
            raise _Invalid()
        address = value & L.pointer_mask
        if address == 0 or address % 4:
            raise _Invalid()
        return address, self._u8(address + L.objType)

    def _emit(self, out, text):
        self._length += len(text)
        out.append(text)
        if self._length > self.max_chars:
            raise _Budget()

    def _value(self, value, out, path, depth):
        """Appends the text of value; an element that cannot be decoded appends the invalid form in its place."""
        L = self.layout
        if value & L.qnan != L.qnan:
            self._emit(out, format_number(struct.unpack("<d", struct.pack("<Q", value))[0]))
            return
        if value == L.nil:
            self._emit(out, "nil")
            return
        if value == L.true:
            self._emit(out, "true")
            return
        if value == L.false:
            self._emit(out, "false")
            return
        if value == L.undefined:
            self._emit(out, "undefined")
            return
        self._objects += 1
        if self._objects > self.max_objects:
            raise _Budget()
        mark = len(out)
        try:
            self._object_value(value, out, path, depth)
        except _Invalid:
            self._length -= sum(len(text) for text in out[mark:])
            del out[mark:]
            self._emit(out, invalid(value))

    def _object_value(self, value, out, path, depth):
        L = self.layout
        address, kind = self._object(value)
        if kind == L.typeString:
            self._emit(out, self._string(address, quoted=True))
        elif kind == L.typeClosure:
            self._emit(out, self._closure(address))
        elif kind == L.typeBoundMethod:
            method = self._u64(address + L.boundMethodMethod)
            if self._u8(method + L.objType) != L.typeClosure:
                raise _Invalid()
            self._emit(out, self._closure(method))
        elif kind == L.typeNative:
            self._emit(out, "<native fn %s>" % self._c_name(self._u64(address + L.nativeName)))
        elif kind == L.typeClass:
            self._emit(out, self._class_name(address))
        elif kind == L.typePointer:
            self._emit(out, "<pointer 0x%x>" % self._u64(address + L.pointerPointer))
        elif kind == L.typeCell:
            self._emit(out, "<cell ")
            self._value(self._u64(address + L.cellValue), out, path + [address], depth + 1)
            self._emit(out, ">")
        elif kind == L.typeArray:
            self._array(address, out, path, depth)
        elif kind == L.typeTable:
            self._table(address, out, path, depth)
        elif kind == L.typeInstance:
            self._instance(address, out, path, depth)
        else:
            raise _Invalid()

    # ---- strings and names ----
    def _string_bytes(self, address, limit):
        """(the first `limit` bytes of the string object at address, its length); checks its kind and its NUL."""
        L = self.layout
        if address == 0 or address % 4 or self._u8(address + L.objType) != L.typeString:
            raise _Invalid()
        length = self._u32(address + L.stringLength)
        if self._u8(address + L.stringChars + length) != 0:  # every string ends in a NUL: a bad length does not
            raise _Invalid()
        return self._read(address + L.stringChars, min(length, limit)) if length else b"", length

    def _string(self, address, quoted):
        data, length = self._string_bytes(address, self.max_string)
        if length > len(data):
            data = _cut_utf8(data)
        if not quoted:
            text = data.decode("utf-8", "replace")
            return text + ("..." if length > len(data) else "")
        return quote_string(data, self.ascii_only) + ("..." if length > len(data) else "")

    def _class_name(self, klass):
        L = self.layout
        if self._u8(klass + L.objType) != L.typeClass:
            raise _Invalid()
        return self._string(self._u64(klass + L.className), quoted=False)

    def _c_name(self, address):
        try:
            name = read_c_string(self.read_memory, address, 256)
        except Exception:
            raise _Invalid()
        if not name or any(ord(c) < 0x20 for c in name):
            raise _Invalid()
        return name

    def _closure(self, address):
        L = self.layout
        if self._u8(address + L.objType) != L.typeClosure:
            raise _Invalid()
        function = self._u64(address + L.closureFunction)
        kind = self._u32(function + L.functionKind)
        if kind == L.functionKindScript:
            return "<script>"
        name = self._u64(function + L.functionName)
        if kind == L.functionKindLambda or name == 0:
            return "<fn>"
        if kind > 16:
            raise _Invalid()
        return "<fn %s>" % self._c_name(name)

    # ---- containers ----
    def _open(self, address, path, depth, out, again):
        """False (after printing `again`) when the container is already on the path or nesting is too deep."""
        if address in path or depth >= self.max_depth:
            self._emit(out, again)
            return False
        return True

    def _array(self, address, out, path, depth):
        L = self.layout
        count = self._u32(address + L.arrayCount)
        capacity = self._u32(address + L.arrayCapacity)
        if count > capacity:
            raise _Invalid()
        if not self._open(address, path, depth, out, "[...]"):
            return
        shown = min(count, self.max_elements)
        items = self._u64s(self._u64(address + L.arrayItems), shown) if shown else ()
        inner = path + [address]
        self._emit(out, "[")
        for i, item in enumerate(items):
            if i:
                self._emit(out, ",")
            self._value(item, out, inner, depth + 1)
        if count > shown:
            self._emit(out, ",...")
        self._emit(out, "]")

    def _table(self, address, out, path, depth):
        L = self.layout
        data = address + L.tableData
        count = self._u32(data + L.tableDataCount)
        capacity = self._u32(data + L.tableDataCapacity)
        if count > capacity:
            raise _Invalid()
        if not self._open(address, path, depth, out, "{...}"):
            return
        shown = min(count, self.max_elements)
        entries = self._read(self._u64(data + L.tableDataEntries), shown * L.entrySize) if shown else b""
        inner = path + [address]
        self._emit(out, "{")
        for i in range(shown):
            entry = entries[i * L.entrySize:(i + 1) * L.entrySize]
            key = struct.unpack_from("<Q", entry, L.entryKey)[0]
            value = struct.unpack_from("<Q", entry, L.entryValue)[0]
            if i:
                self._emit(out, ", ")
            self._emit(out, self._string(key, quoted=True) + ": ")
            self._value(value, out, inner, depth + 1)
        if count > shown:
            self._emit(out, ", ...")
        self._emit(out, "}")

    def _instance(self, address, out, path, depth):
        L = self.layout
        klass = self._u64(address + L.instanceClass)
        name = self._class_name(klass)
        shape = self._u64(address + L.instanceShape)
        if self._u64(shape + L.shapeClass) != klass:
            raise _Invalid()
        count = self._u32(shape + L.shapeCount)
        room = self._u32(shape + L.shapeInlineCapacity)
        if count > 1 << 20 or room > 1 << 16:
            raise _Invalid()
        if count == 0:
            self._emit(out, name + " instance")
            return
        if not self._open(address, path, depth, out, name + " instance {...}"):
            return
        # The shape chain names the fields last first: the shape with n fields adds field n - 1.
        names = [None] * count
        s = shape
        for slot in range(count - 1, -1, -1):
            if self._u32(s + L.shapeCount) != slot + 1:
                raise _Invalid()
            names[slot] = self._u64(s + L.shapeName)
            s = self._u64(s + L.shapeParent)
        shown = min(count, self.max_elements)
        inline = self._u64s(address + L.instanceFields, min(shown, room))
        overflow = self._u64s(self._u64(address + L.instanceOverflow), shown - room) if shown > room else ()
        values = list(inline) + list(overflow)
        inner = path + [address]
        self._emit(out, name + " instance {")
        for slot in range(shown):
            if slot:
                self._emit(out, ", ")
            self._emit(out, self._string(names[slot], quoted=False) + ": ")
            self._value(values[slot], out, inner, depth + 1)
        if count > shown:
            self._emit(out, ", ...")
        self._emit(out, "}")


def _cut_utf8(data):
    """data without a UTF-8 sequence that a cut left unfinished at its end."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # the last lead (or ASCII) byte
            if byte >> 5 == 0x6:
                need = 2
            elif byte >> 4 == 0xE:
                need = 3
            elif byte >> 3 == 0x1E:
                need = 4
            else:
                need = 1  # ASCII, or a byte that is no lead: nothing to wait for
            return data[:-back] if need > back else data
    return data


def invalid(value):
    return "<invalid SoxValue 0x%016x>" % (value & 0xFFFFFFFFFFFFFFFF)
