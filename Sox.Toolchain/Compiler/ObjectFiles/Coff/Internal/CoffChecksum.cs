namespace Sox.Compiler.ObjectFiles.Coff.Internal;

/// <summary>
/// The <c>CheckSum</c> of a section-definition auxiliary record: the CRC-32 of the section's contents with the
/// reflected polynomial 0xEDB88320 (that of zip and Ethernet) but an initial value of 0 and no final inversion — what
/// Microsoft's tools compute, and LLVM's (<c>JamCRC</c> started at 0) to match them. Linkers check it only for COMDAT
/// sections; writing it everywhere keeps the objects identical in kind to the toolchains'.
/// </summary>
internal static class CoffChecksum
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        foreach (byte b in data) crc = Table[(crc ^ b) & 0xff] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xedb8_8320 ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
