# Unit tests of Sox.Sdk/debugger/sox_values.py (the decoder behind the gdb and LLDB printers) on a fake memory:
# objects are laid out in a bytearray as the runtime lays them out (the built-in layout, and a descriptor parsed from
# bytes), so every guard can be hit without a debugger. Run by PrettyPrinterTests as
#   python3 test_sox_values.py PATH/TO/Sox.Sdk/debugger
import math
import struct
import sys
import unittest

sys.path.insert(0, sys.argv.pop(1) if len(sys.argv) > 1 else "Sox.Sdk/debugger")
import sox_values  # noqa: E402
from sox_values import Formatter, Layout, format_number, quote_string  # noqa: E402

QNAN = 0x7FFC000000000000
OBJ = 0xFFFC000000000000
NIL, FALSE, TRUE, UNDEFINED = QNAN | 1, QNAN | 2, QNAN | 3, QNAN | 4


def num(d):
    return struct.unpack("<Q", struct.pack("<d", d))[0]


class Heap(object):
    """A fake address space: one mapping at BASE; reads outside it raise as a debugger's would."""
    BASE = 0x100000

    def __init__(self, size=1 << 16):
        self.mem = bytearray(size)
        self.top = 64
        self.reads = 0

    def read(self, address, size):
        self.reads += 1
        start = address - self.BASE
        if start < 0 or start + size > len(self.mem):
            raise IOError("cannot access 0x%x" % address)
        return bytes(self.mem[start:start + size])

    def alloc(self, size, align=8):
        self.top = (self.top + align - 1) // align * align
        address = self.BASE + self.top
        self.top += size
        return address

    def put(self, address, fmt, *values):
        struct.pack_into("<" + fmt, self.mem, address - self.BASE, *values)

    def obj(self, kind, size):
        address = self.alloc(size)
        self.put(address, "B", kind)
        return address

    # ---- objects as the runtime lays them out (sox_runtime.h) ----
    def string(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        s = self.obj(1, 16 + len(data) + 1)
        self.put(s + 8, "I", len(data))
        self.mem[s - self.BASE + 16:s - self.BASE + 16 + len(data)] = data
        return s

    def c_string(self, text):
        data = text.encode("utf-8") + b"\0"
        address = self.alloc(len(data), 1)
        self.mem[address - self.BASE:address - self.BASE + len(data)] = data
        return address

    def array(self, values, capacity=None):
        a = self.obj(8, 24)
        items = self.alloc(8 * max(len(values), 1))
        for i, v in enumerate(values):
            self.put(items + 8 * i, "Q", v)
        self.put(a + 8, "IIQ", len(values), len(values) if capacity is None else capacity, items)
        return a

    def table(self, pairs):
        t = self.obj(9, 8 + 32)
        entries = self.alloc(16 * max(len(pairs), 1))
        for i, (k, v) in enumerate(pairs):
            self.put(entries + 16 * i, "QQ", self.string(k), v)
        self.put(t + 8, "IIQ", len(pairs), len(pairs), entries)
        return t

    def klass(self, name):
        c = self.obj(5, 80)
        self.put(c + 8, "Q", self.string(name))
        return c

    def instance(self, klass, fields, room=8, shape_class=None):
        """An instance of klass with fields [(name, value)], `room` of them inline, the rest in an overflow array."""
        shape = self.alloc(72)
        self.put(shape + 8, "QQQII", klass if shape_class is None else shape_class, 0, 0, 0, room)
        for i, (name, _) in enumerate(fields):
            child = self.alloc(72)
            self.put(child + 8, "QQQII", klass if shape_class is None else shape_class, shape, self.string(name),
                     i + 1, room)
            shape = child
        inst = self.obj(6, 32 + 8 * room)
        overflow = self.alloc(8 * max(len(fields) - room, 1))
        for i, (_, value) in enumerate(fields):
            self.put(inst + 32 + 8 * i if i < room else overflow + 8 * (i - room), "Q", value)
        self.put(inst + 8, "QQQ", klass, shape, overflow)
        return inst

    def function(self, name, kind=0):
        f = self.alloc(40)
        self.put(f + 24, "QI", self.c_string(name) if name is not None else 0, kind)
        return f

    def closure(self, function):
        c = self.obj(2, 24)
        self.put(c + 16, "Q", function)
        return c


def formatter(heap, **options):
    return Formatter(Layout.default(), heap.read, **options)


class NumberTests(unittest.TestCase):
    # Outputs of tests/conformance/values/number_format_* and language.md §2.3.
    CASES = [
        (3.14, "3.14"), (42.0, "42"), (-5.0, "-5"), (0.0, "0"), (-0.0, "-0"), (2178309.0, "2178309"),
        (0.1 + 0.2, "0.30000000000000004"), (1 / 3, "0.3333333333333333"), (-1 / 3, "-0.3333333333333333"),
        (100 / 3, "33.333333333333336"), (1e-7, "1e-7"), (0.000001, "0.000001"), (0.00001, "0.00001"),
        (15 / 100000000000, "1.5e-10"), (1 / 1024, "0.0009765625"), (1.1 * 1.1, "1.2100000000000002"),
        (1234.5678, "1234.5678"), (-2.5, "-2.5"), (2.0 ** -1074, "5e-324"),
        (2.0 ** 1023 * 1.9999999999999998, "1.7976931348623157e+308"), (1 / 3 * 1e24, "3.333333333333333e+23"),
        (1 / 3 / 1000000, "3.333333333333333e-7"), (1e20, "100000000000000000000"), (1e21, "1e+21"),
        (123456789012345680000.0, "123456789012345680000"), (99999999999999990000.0, "99999999999999980000"),
        (12345678901234567890.0, "12345678901234567000"), (2.0 ** 53, "9007199254740992"),
        (-(2.0 ** 53), "-9007199254740992"), (-1e21, "-1e+21"), (2.0 ** 70, "1.1805916207174113e+21"),
        (1e21 - 1e5, "999999999999999900000"), (2.0 ** 64, "18446744073709552000"),
        (2.0 ** -24, "5.960464477539063e-8"), (2.0 ** -25, "2.9802322387695312e-8"),
        (2.0 ** -44, "5.684341886080802e-14"), (2.0 ** -77, "6.617444900424222e-24"),
        (2.0 ** -1017, "7.120236347223045e-307"), (2.0 ** 89, "6.189700196426902e+26"),
        (2.0 ** 976, "6.386688990511104e+293"), (2.0 ** -1022, "2.2250738585072014e-308"),
        (2.0 ** -1022 - 2.0 ** -1074, "2.225073858507201e-308"), (float("nan"), "nan"), (float("inf"), "inf"),
        (float("-inf"), "-inf"), (0.5 - 0.25, "0.25"), (7 / 2, "3.5"),
    ]

    def test_numbers_print_as_sox_prints_them(self):
        for value, expected in self.CASES:
            self.assertEqual(expected, format_number(value), repr(value))

    def test_formatter_decodes_number_bits(self):
        heap = Heap()
        f = formatter(heap)
        for value, expected in self.CASES:
            bits = 0x7FF8000000000000 if math.isnan(value) else num(value)
            self.assertEqual(expected, f.format(bits), repr(value))
        self.assertEqual("nan", f.format(0xFFF8000000000000))  # a NaN with the sign bit: still a number
        self.assertEqual(0, heap.reads)


class StringTests(unittest.TestCase):
    def test_escapes_are_sox_literal_escapes(self):
        self.assertEqual('"say \\"hi\\"\\n\\tbye\\\\"', quote_string(b'say "hi"\n\tbye\\'))
        self.assertEqual('"cr\\r nul\\0 bell\\u{7} del\\u{7F}"', quote_string(b"cr\r nul\0 bell\x07 del\x7f"))
        self.assertEqual('"caf\u00e9 \U0001F600"', quote_string("café 😀".encode("utf-8")))
        self.assertEqual('"caf\\u{E9} \\u{1F600}"', quote_string("café 😀".encode("utf-8"), ascii_only=True))
        self.assertEqual('"bad \\xFF\\xC3 end"', quote_string(b"bad \xff\xc3 end"))
        self.assertEqual('""', quote_string(b""))

    def test_long_strings_are_cut(self):
        heap = Heap()
        s = heap.string("x" * 500)
        self.assertEqual('"' + "x" * 200 + '"...', formatter(heap).format(OBJ | s))
        self.assertEqual('"' + "x" * 10 + '"...', formatter(heap, max_string=10).format(OBJ | s))

    def test_a_cut_never_splits_a_character(self):
        heap = Heap()
        s = heap.string("ab" + "\u00e9" * 10)  # é is two bytes: byte 4 of 22 is the middle of one
        self.assertEqual('"ab\u00e9"...', formatter(heap, max_string=5).format(OBJ | s))
        self.assertEqual('"ab\u00e9\u00e9"...', formatter(heap, max_string=6).format(OBJ | s))
        emoji = heap.string("\U0001F600" * 3)
        self.assertEqual('""...', formatter(heap, max_string=3).format(OBJ | emoji))
        self.assertEqual('"\U0001F600"...', formatter(heap, max_string=7).format(OBJ | emoji))

    def test_a_length_past_the_nul_is_invalid(self):
        heap = Heap()
        s = heap.string("abc")
        heap.put(s + 8, "I", 2)  # chars[2] is 'c', not the NUL
        self.assertEqual("<invalid SoxValue 0x%016x>" % (OBJ | s), formatter(heap).format(OBJ | s))
        heap.put(s + 8, "I", 0x7FFFFFFF)  # the NUL would be far outside the mapping
        self.assertEqual("<invalid SoxValue 0x%016x>" % (OBJ | s), formatter(heap).format(OBJ | s))


class ValueTests(unittest.TestCase):
    def setUp(self):
        self.heap = Heap()
        self.f = formatter(self.heap)

    def fmt(self, value):
        return self.f.format(value)

    def test_constants(self):
        self.assertEqual(["nil", "false", "true", "undefined"], [self.fmt(v) for v in (NIL, FALSE, TRUE, UNDEFINED)])

    def test_containers(self):
        h = self.heap
        inner = h.array([num(3)])
        a = h.array([num(1), num(2), OBJ | inner, OBJ | h.string("s")])
        self.assertEqual('[1,2,[3],"s"]', self.fmt(OBJ | a))
        self.assertEqual("[]", self.fmt(OBJ | h.array([])))
        t = h.table([("k", num(1)), ("s", OBJ | h.string("x")), ("list", OBJ | h.array([TRUE, NIL]))])
        self.assertEqual('{"k": 1, "s": "x", "list": [true,nil]}', self.fmt(OBJ | t))
        self.assertEqual("{}", self.fmt(OBJ | h.table([])))

    def test_instances_classes_and_functions(self):
        h = self.heap
        point = h.klass("Point")
        self.assertEqual("Point", self.fmt(OBJ | point))
        self.assertEqual('Point instance {x: 1, y: "two"}',
                         self.fmt(OBJ | h.instance(point, [("x", num(1)), ("y", OBJ | h.string("two"))])))
        self.assertEqual("Point instance", self.fmt(OBJ | h.instance(point, [])))
        # fields beyond the inline room live in the overflow array
        fields = [("a", num(1)), ("b", num(2)), ("c", num(3))]
        self.assertEqual("Point instance {a: 1, b: 2, c: 3}", self.fmt(OBJ | h.instance(point, fields, room=1)))
        self.assertEqual("<fn fib>", self.fmt(OBJ | h.closure(h.function("fib"))))
        self.assertEqual("<fn>", self.fmt(OBJ | h.closure(h.function("lambda", kind=4))))
        self.assertEqual("<fn>", self.fmt(OBJ | h.closure(h.function(None))))
        self.assertEqual("<script>", self.fmt(OBJ | h.closure(h.function(None, kind=3))))
        bound = h.obj(7, 24)
        h.put(bound + 8, "QQ", OBJ | h.instance(point, []), h.closure(h.function("area", kind=1)))
        self.assertEqual("<fn area>", self.fmt(OBJ | bound))
        native = h.obj(4, 32)
        h.put(native + 16, "Q", h.c_string("len"))
        self.assertEqual("<native fn len>", self.fmt(OBJ | native))
        cell = h.obj(3, 16)
        h.put(cell + 8, "Q", num(42))
        self.assertEqual("<cell 42>", self.fmt(OBJ | cell))
        pointer = h.obj(10, 16)
        h.put(pointer + 8, "Q", 0xDEADBEEF)
        self.assertEqual("<pointer 0xdeadbeef>", self.fmt(OBJ | pointer))

    def test_cycles_print_as_sox_prints_them(self):
        h = self.heap
        a = h.array([num(1), 0])
        items = struct.unpack("<Q", h.read(a + 16, 8))[0]
        h.put(items + 8, "Q", OBJ | a)
        self.assertEqual("[1,[...]]", self.fmt(OBJ | a))
        t = h.table([("self", NIL)])
        entries = struct.unpack("<Q", h.read(t + 16, 8))[0]
        h.put(entries + 8, "Q", OBJ | t)
        self.assertEqual('{"self": {...}}', self.fmt(OBJ | t))
        node = h.klass("Node")
        n = h.instance(node, [("next", NIL)])
        h.put(n + 32, "Q", OBJ | n)
        self.assertEqual("Node instance {next: Node instance {...}}", self.fmt(OBJ | n))
        shared = h.array([num(2)])
        self.assertEqual("[[2],[2]]", self.fmt(OBJ | h.array([OBJ | shared, OBJ | shared])))

    def test_depth_and_element_limits(self):
        h = self.heap
        v = h.array([])
        for _ in range(12):
            v = h.array([OBJ | v])
        self.assertEqual("[" * 8 + "[...]" + "]" * 8, self.fmt(OBJ | v))
        many = h.array([num(i) for i in range(150)])
        self.assertEqual("[" + ",".join(str(i) for i in range(100)) + ",...]", self.fmt(OBJ | many))
        self.assertEqual("[0,1,2,...]", formatter(h, max_elements=3).format(OBJ | many))
        table = h.table([("k%d" % i, num(i)) for i in range(5)])
        self.assertEqual('{"k0": 0, "k1": 1, ...}', formatter(h, max_elements=2).format(OBJ | table))
        text = formatter(h, max_chars=50).format(OBJ | many)
        self.assertTrue(text.endswith("...") and len(text) < 70, text)

    def test_wide_and_deep_data_stays_bounded(self):
        h = Heap(1 << 20)
        leaf = h.array([num(i) for i in range(100)])
        level = leaf
        for _ in range(4):
            level = h.array([OBJ | level] * 100)
        text = formatter(h).format(OBJ | level)
        self.assertTrue(text.endswith("...") and len(text) <= 4100, len(text))


class CorruptionTests(unittest.TestCase):
    def setUp(self):
        self.heap = Heap()
        self.f = formatter(self.heap)

    def assertInvalid(self, value):
        self.assertEqual("<invalid SoxValue 0x%016x>" % value, self.f.format(value))

    def test_bad_values(self):
        h = self.heap
        self.assertInvalid(0xFFFC000000001234)  # unmapped
        self.assertInvalid(OBJ)  # NULL
        self.assertInvalid(QNAN | 9)  # no such tag
        self.assertInvalid(QNAN | 0)
        self.assertInvalid(OBJ | (h.string("abc") + 2))  # misaligned
        self.assertInvalid(OBJ | h.obj(0x77, 16))  # no such kind
        self.assertInvalid(OBJ | h.obj(0, 16))  # freed memory is zeroed
        self.assertInvalid(OBJ | h.array([num(1)] * 3, capacity=2))  # count above capacity
        self.assertInvalid(0xFFFFFFFFFFFFFFFF)

    def test_bad_pointers_inside_objects(self):
        h = self.heap
        a = h.array([num(1)])
        h.put(a + 16, "Q", 0xDEAD0000)  # items unreadable
        self.assertInvalid(OBJ | a)
        c = h.closure(0x10)  # function unreadable
        self.assertInvalid(OBJ | c)
        point = h.klass("Point")
        self.assertInvalid(OBJ | h.instance(point, [("x", num(1))], shape_class=h.klass("Other")))
        wrong = h.instance(point, [("x", num(1))])
        h.put(wrong + 8, "Q", OBJ | point)  # class pointer with tag bits: not a class
        self.assertInvalid(OBJ | wrong)

    def test_a_bad_element_is_shown_in_place(self):
        h = self.heap
        a = h.array([num(1), 0xFFFC000000001234, OBJ | h.string("ok")])
        self.assertEqual('[1,<invalid SoxValue 0xfffc000000001234>,"ok"]', self.f.format(OBJ | a))

    def test_reader_errors_of_any_kind_are_contained(self):
        def broken(address, size):
            raise RuntimeError("debugger failure")
        f = Formatter(Layout.default(), broken)
        self.assertEqual("<invalid SoxValue 0xfffc000000100000>", f.format(0xFFFC000000100000))
        self.assertEqual("1", f.format(num(1)))

    def test_garbage_everywhere_never_raises(self):
        import random
        rng = random.Random(7)
        h = Heap()
        for i in range(len(h.mem)):
            h.mem[i] = rng.choice((0, 1, 2, 3, 5, 6, 8, 9, 0x10, 0xFF, rng.randrange(256)))
        f = formatter(h)
        for _ in range(3000):
            value = OBJ | (Heap.BASE + rng.randrange(0, len(h.mem), 4)) if rng.random() < 0.8 else rng.getrandbits(64)
            self.assertIsInstance(f.format(value), str)


class LayoutTests(unittest.TestCase):
    def descriptor(self, heap, names=None, version=0x00010000, magic=sox_values.LAYOUT_MAGIC):
        entries = dict(sox_values._DEFAULT_ENTRIES)
        entries["stringChars"] = 24  # not the default: proves the descriptor is used
        names = names or list(entries)
        count = len(names)
        address = heap.alloc(80 + 4 * count)
        heap.put(address, "IIIIIIQ", magic, version, 80 + 4 * count, count, 80, 0, heap.c_string(" ".join(names) + " "))
        heap.put(address + 32, "QQQQQQ", QNAN, 1 << 63, NIL, FALSE, TRUE, UNDEFINED)
        for i, name in enumerate(names):
            heap.put(address + 80 + 4 * i, "I", entries.get(name, 0))
        return address

    def test_the_descriptor_gives_the_offsets(self):
        h = Heap()
        layout = Layout.read(h.read, self.descriptor(h))
        self.assertEqual(24, layout.stringChars)
        s = h.obj(1, 32)
        h.put(s + 8, "I", 2)
        h.mem[s - h.BASE + 24:s - h.BASE + 27] = b"hi\0"
        self.assertEqual('"hi"', Formatter(layout, h.read).format(OBJ | s))
        self.assertIn("1.0", layout.describe())

    def test_unknown_entries_are_ignored_and_missing_ones_refused(self):
        h = Heap()
        Layout.read(h.read, self.descriptor(h, names=list(sox_values._DEFAULT_ENTRIES) + ["somethingNew"]))
        with self.assertRaises(sox_values.LayoutError):
            Layout.read(h.read, self.descriptor(h, names=[n for n in sox_values._DEFAULT_ENTRIES if n != "arrayItems"]))

    def test_bad_descriptors_are_refused(self):
        h = Heap()
        for kwargs in ({"magic": 0x12345678}, {"version": 0x00020000}):
            with self.assertRaises(sox_values.LayoutError):
                Layout.read(h.read, self.descriptor(h, **kwargs))
        with self.assertRaises(sox_values.LayoutError):
            Layout.read(h.read, 0x10)

    def test_the_default_matches_version_1(self):
        layout = Layout.default()
        self.assertEqual(set(sox_values.REQUIRED_ENTRIES) - set(layout.entries), set())


if __name__ == "__main__":
    unittest.main(verbosity=1)
