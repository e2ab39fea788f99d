#!/usr/bin/env python3
"""Regenerates the expected-encoding columns of tests/Sox.Toolchain.Tests/X64/EncodingTable*.cs.

Every table row has the form
    Row("<intel assembly>", "<hex>", ["<relocation>",] e => <encoder call>),
This script assembles each row's assembly with GNU as (.intel_syntax noprefix), reads the bytes and relocations
back with objdump -dr, and rewrites the hex and relocation strings in place. The encoder under test is never
run. Requires binutils (as, objdump). Usage, from anywhere:  python3 regenerate-encodings.py
"""
import glob, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROW = re.compile(r'Row\("((?:[^"\\]|\\.)*)", "([^"]*)"(, "[^"]*")?, e =>')
KINDS = {
    "R_X86_64_PLT32": "X64Branch32",
    "R_X86_64_PC32": "X64PcRelative32",
    "R_X86_64_REX_GOTPCRELX": "X64GotLoad32",
    "R_X86_64_GOTPCRELX": "X64GotLoad32",
}
INSN = re.compile(r'^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)')
RELOC = re.compile(r'^\s*([0-9a-f]+): (R_X86_64_\w+)\t(\w+)(?:([+-])0x([0-9a-f]+))?')
HEADER = re.compile(r'^[0-9a-f]+ <row_(\d+)>:')


def main():
    files = sorted(glob.glob(os.path.join(HERE, "EncodingTable*.cs")))
    rows = []  # (file, assembly)
    for path in files:
        for line in open(path, encoding="utf-8"):
            m = ROW.search(line)
            if m:
                rows.append(m.group(1).replace('\\"', '"'))
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "rows.s")
        with open(source, "w") as f:
            f.write(".intel_syntax noprefix\n")
            for i, asm in enumerate(rows):
                f.write(f"row_{i}:\n{asm}\n")
            f.write(f"row_{len(rows)}:\n")
        obj = os.path.join(tmp, "rows.o")
        subprocess.run(["as", "-o", obj, source], check=True)
        dump = subprocess.run(["objdump", "-dr", "--insn-width=16", obj], check=True,
                              capture_output=True, text=True).stdout
    hexes = [[] for _ in rows]
    relocs = [[] for _ in rows]
    starts = {}
    current = None
    for line in dump.splitlines():
        h = HEADER.match(line)
        if h:
            current = int(h.group(1))
            continue
        if current is None or current >= len(rows):
            continue
        r = RELOC.match(line)
        if r:
            offset = int(r.group(1), 16) - starts[current]
            addend = int(r.group(5), 16) * (-1 if r.group(4) == "-" else 1) if r.group(4) else 0
            relocs[current].append(f"{offset} {KINDS[r.group(2)]} {r.group(3)} {addend}")
            continue
        i = INSN.match(line)
        if i:
            starts.setdefault(current, int(i.group(1), 16))
            hexes[current].extend(i.group(2).split())
    index = 0
    for path in files:
        out = []
        for line in open(path, encoding="utf-8"):
            m = ROW.search(line)
            if m:
                if not hexes[index]:
                    sys.exit(f"no bytes for row {index}: {rows[index]}")
                if len(relocs[index]) > 1:
                    sys.exit(f"more than one relocation for row {index}: {rows[index]}")
                reloc = f', "{relocs[index][0]}"' if relocs[index] else ""
                new = f'Row("{m.group(1)}", "{" ".join(hexes[index])}"{reloc}, e =>'
                line = line[:m.start()] + new + line[m.end():]
                index += 1
            out.append(line)
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(out)
    print(f"{index} rows regenerated in {len(files)} files")


if __name__ == "__main__":
    main()
