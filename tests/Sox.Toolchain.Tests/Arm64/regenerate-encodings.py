#!/usr/bin/env python3
"""Regenerates the expected-encoding columns of tests/Sox.Toolchain.Tests/Arm64/EncodingTable*.cs.

Every table row has the form
    Row("<assembly>", "<hex>", ["<relocation>",] e => <encoder call>),
where <assembly> is GNU syntax for AArch64 (several instructions may be separated by ';', and `1:`-style local
labels may be used). This script assembles each row with aarch64-linux-gnu-as, reads the bytes and relocations back
with aarch64-linux-gnu-objdump -dr, and rewrites the hex (bytes in memory order) and relocation strings in place.
The encoder under test is never run. Requires binutils-aarch64-linux-gnu. Usage, from anywhere:
    python3 regenerate-encodings.py
"""
import glob, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROW = re.compile(r'Row\("((?:[^"\\]|\\.)*)", "([^"]*)"(, "[^"]*")?, e =>')
KINDS = {
    "R_AARCH64_CALL26": "Arm64Call26",
    "R_AARCH64_JUMP26": "Arm64Call26",
    "R_AARCH64_ADR_PREL_PG_HI21": "Arm64AdrPage21",
    "R_AARCH64_ADD_ABS_LO12_NC": "Arm64AddLow12",
    "R_AARCH64_LDST64_ABS_LO12_NC": "Arm64Load64Low12",
    "R_AARCH64_ADR_GOT_PAGE": "Arm64GotPage21",
    "R_AARCH64_LD64_GOT_LO12_NC": "Arm64GotLoad64Low12",
}
INSN = re.compile(r'^\s*([0-9a-f]+):\t([0-9a-f]{8})\s')
RELOC = re.compile(r'^\s*([0-9a-f]+): (R_AARCH64_\w+)\t(\w+)(?:([+-])0x([0-9a-f]+))?')
HEADER = re.compile(r'^[0-9a-f]+ <row_(end_)?(\d+)>:')


def main():
    files = sorted(glob.glob(os.path.join(HERE, "EncodingTable*.cs")))
    rows = []
    for path in files:
        for line in open(path, encoding="utf-8"):
            m = ROW.search(line)
            if m:
                rows.append(m.group(1).replace('\\"', '"'))
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "rows.s")
        with open(source, "w") as f:
            f.write(".text\n")
            for i, asm in enumerate(rows):
                # Each row starts on a fresh 4 KiB page so that ADRP and label rows see the same PC as the encoder (0).
                f.write(f".balign 4096\nrow_{i}:\n{asm}\nrow_end_{i}:\n")
            f.write(f".balign 4096\nrow_{len(rows)}:\n")
        obj = os.path.join(tmp, "rows.o")
        subprocess.run(["aarch64-linux-gnu-as", "-o", obj, source], check=True)
        dump = subprocess.run(["aarch64-linux-gnu-objdump", "-dr", "-z", obj], check=True,
                              capture_output=True, text=True).stdout
    hexes = [[] for _ in rows]
    relocs = [[] for _ in rows]
    starts = {}
    current = None
    for line in dump.splitlines():
        h = HEADER.match(line)
        if h:
            current = None if h.group(1) else int(h.group(2))
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
            address = int(i.group(1), 16)
            starts.setdefault(current, address)
            word = int(i.group(2), 16)
            hexes[current].extend(f"{(word >> (8 * k)) & 0xff:02x}" for k in range(4))
    index = 0
    for path in files:
        out = []
        for line in open(path, encoding="utf-8"):
            m = ROW.search(line)
            if m:
                words = hexes[index]
                if not words:
                    sys.exit(f"no bytes for row {index}: {rows[index]}")
                if len(relocs[index]) > 1:
                    sys.exit(f"more than one relocation for row {index}: {rows[index]}")
                reloc = f', "{relocs[index][0]}"' if relocs[index] else ""
                new = f'Row("{m.group(1)}", "{" ".join(words)}"{reloc}, e =>'
                line = line[:m.start()] + new + line[m.end():]
                index += 1
            out.append(line)
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(out)
    print(f"{index} rows regenerated in {len(files)} files")


if __name__ == "__main__":
    main()
