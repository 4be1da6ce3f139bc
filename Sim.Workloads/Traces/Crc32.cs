namespace ClusterSim.Workloads.Traces;

/// <summary>
/// CRC-32 as gzip's trailer holds it (RFC 1952, section 8: polynomial 0xEDB88320 reflected, initial and final
/// value inverted), table-driven eight bytes at a time, and the combination of two CRCs without their data
/// (zlib's crc32_combine: CRC(A || B) = CRC(A) x^(8 |B|) mod P xor CRC(B)).
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    // Tables[k][b]: the CRC register change of byte b followed by k zero bytes ("slicing-by-8").
    private static readonly uint[][] Tables = BuildTables();

    // PowersOfX[k] = x^(2^k) mod P, for shifting a CRC past 2^k bits.
    private static readonly uint[] PowersOfX = BuildPowers();

    /// <summary>The CRC of the data that gave <paramref name="crc"/> followed by <paramref name="data"/>; 0 to start.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        while (data.Length >= 8)
        {
            uint low = c ^ (uint)(data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24);
            uint high = (uint)(data[4] | data[5] << 8 | data[6] << 16 | data[7] << 24);
            c = Tables[7][low & 0xff] ^ Tables[6][(low >> 8) & 0xff] ^ Tables[5][(low >> 16) & 0xff] ^ Tables[4][low >> 24]
                ^ Tables[3][high & 0xff] ^ Tables[2][(high >> 8) & 0xff] ^ Tables[1][(high >> 16) & 0xff] ^ Tables[0][high >> 24];
            data = data[8..];
        }
        foreach (byte b in data) c = Tables[0][(c ^ b) & 0xff] ^ (c >> 8);
        return ~c;
    }

    /// <summary>
    /// The CRC of B given the CRC of A || B, the CRC of A and the length of B: CRC(A) shifted past |B| bytes,
    /// xor CRC(A || B) (the inverse of zlib's crc32_combine, which is an xor).
    /// </summary>
    public static uint Suffix(uint whole, uint prefix, long suffixLength) =>
        whole ^ Multiply(PowerOfX(suffixLength, 3), prefix);

    /// <summary>a × b mod P, both as reflected polynomials (zlib's multmodp).</summary>
    private static uint Multiply(uint a, uint b)
    {
        uint product = 0;
        for (uint m = 1u << 31; m != 0; m >>= 1)
        {
            if ((a & m) != 0) product ^= b;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
        return product;
    }

    /// <summary>x^(n × 2^k) mod P (zlib's x2nmodp); with k = 3, x to the number of bits in n bytes.</summary>
    private static uint PowerOfX(long n, int k)
    {
        uint p = 1u << 31; // x^0
        while (n != 0)
        {
            if ((n & 1) != 0) p = Multiply(PowersOfX[k & 31], p);
            n >>= 1;
            k++;
        }
        return p;
    }

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        for (int k = 0; k < 8; k++) tables[k] = new uint[256];
        for (uint b = 0; b < 256; b++)
        {
            uint c = b;
            for (int i = 0; i < 8; i++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            tables[0][b] = c;
        }
        for (int b = 0; b < 256; b++)
            for (int k = 1; k < 8; k++)
                tables[k][b] = tables[0][tables[k - 1][b] & 0xff] ^ (tables[k - 1][b] >> 8);
        return tables;
    }

    private static uint[] BuildPowers()
    {
        var powers = new uint[32];
        uint p = 1u << 30; // x^1
        powers[0] = p;
        for (int k = 1; k < 32; k++) powers[k] = p = Multiply(p, p);
        return powers;
    }
}
