using System.Globalization;
using System.Numerics;

namespace Selene.Moderation.Pdq;

/// <summary>
/// A 256-bit PDQ hash. Bit k = 16·i + j is set when DCT coefficient (row i, column j) exceeds the median. Written as
/// the reference writes it: sixteen 16-bit words, word i holding row i, the last word first, each as four hex digits.
/// </summary>
public readonly record struct PdqHash(ulong Bits0, ulong Bits1, ulong Bits2, ulong Bits3)
{
    /// <summary>The all-zero hash (what an image too small to hash gets).</summary>
    public static PdqHash Zero => default;

    /// <summary>Whether bit <paramref name="k"/> (0–255) is set.</summary>
    public bool this[int k] => ((k >> 6) switch { 0 => Bits0, 1 => Bits1, 2 => Bits2, _ => Bits3 } & (1UL << (k & 63))) != 0;

    /// <summary>Number of bits that differ.</summary>
    public int DistanceTo(PdqHash other) =>
        BitOperations.PopCount(Bits0 ^ other.Bits0) + BitOperations.PopCount(Bits1 ^ other.Bits1)
        + BitOperations.PopCount(Bits2 ^ other.Bits2) + BitOperations.PopCount(Bits3 ^ other.Bits3);

    /// <summary>The hash with bits set where <paramref name="set"/> says (256 entries).</summary>
    public static PdqHash FromBits(ReadOnlySpan<bool> set)
    {
        if (set.Length != 256)
        {
            throw new ArgumentException("a PDQ hash has 256 bits", nameof(set));
        }

        Span<ulong> words = stackalloc ulong[4];
        for (var k = 0; k < 256; k++)
        {
            if (set[k])
            {
                words[k >> 6] |= 1UL << (k & 63);
            }
        }

        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    /// <summary>The reference's 64 hex digits.</summary>
    public override string ToString()
    {
        Span<char> text = stackalloc char[64];
        for (var word = 15; word >= 0; word--)
        {
            var value = (int)((word >> 2) switch { 0 => Bits0, 1 => Bits1, 2 => Bits2, _ => Bits3 } >> ((word & 3) * 16)) & 0xFFFF;
            value.TryFormat(text.Slice((15 - word) * 4, 4), out _, "x4", CultureInfo.InvariantCulture);
        }

        return new string(text);
    }

    /// <summary>Reads 64 hex digits as the reference writes them.</summary>
    /// <exception cref="FormatException">Not 64 hex digits.</exception>
    public static PdqHash Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 64)
        {
            throw new FormatException($"a PDQ hash is 64 hex digits, not {hex.Length}");
        }

        Span<ulong> words = stackalloc ulong[4];
        for (var word = 0; word < 16; word++)
        {
            var digits = hex.AsSpan((15 - word) * 4, 4);
            if (!ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"'{digits}' is not four hex digits");
            }

            words[word >> 2] |= (ulong)value << ((word & 3) * 16);
        }

        return new PdqHash(words[0], words[1], words[2], words[3]);
    }
}
