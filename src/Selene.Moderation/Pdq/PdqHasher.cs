using System.Runtime.Intrinsics;
using Selene.Moderation.Images;

namespace Selene.Moderation.Pdq;

/// <summary>
/// Meta's PDQ perceptual hash (ThreatExchange, <c>pdq/</c>), computed as the reference does, operation for operation
/// in single precision so the same pixels give the same bits: images over 512 px on a side are first resized to
/// 512×512 by nearest neighbour; luminance is 0.299 R + 0.587 G + 0.114 B (the grey value itself when every pixel is
/// grey); two passes of box filters along rows then columns (Jarosz's tent approximation) with windows of
/// ⌈size / 128⌉; decimation to 64×64 at the cells' centres; the 16×16 lowest non-constant coefficients of a DCT;
/// each bit set when its coefficient exceeds the median (Torben's). Quality is the summed gradient of the 64×64
/// image / 90, capped at 100; below 50 a hash is not worth matching on. The eight dihedral hashes (rotations and
/// flips) come from the same coefficients with their signs and transposes.
/// </summary>
public static class PdqHasher
{
    /// <summary>Side above which an image is resized to 512×512 first.</summary>
    public const int MaxSide = 512;

    /// <summary>Images with a side below this get the zero hash and quality 0.</summary>
    public const int MinSide = 5;

    private const float LumaR = 0.299f;
    private const float LumaG = 0.587f;
    private const float LumaB = 0.114f;

    // D[i][j] = √(2/64) cos(π/128 · (i + 1)(2j + 1)): the 16 lowest DCT-II rows after the constant one, as floats.
    private static readonly float[] s_dct = Dct();

    /// <summary>Decodes the image file at <paramref name="path"/> (checked by <see cref="Images.ImageInput"/>) and hashes it.</summary>
    /// <exception cref="Images.ImageRejectedException">The file is not an image Selene decodes.</exception>
    public static PdqResult HashFile(string path, bool dihedral = false)
    {
        return Hash(ImageInput.Load(path), dihedral);
    }

    /// <summary>The hash and quality of decoded pixels; alpha, if the image had any, is not looked at.</summary>
    public static PdqResult Hash(RgbImage image, bool dihedral = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width < MinSide || image.Height < MinSide)
        {
            return new PdqResult(PdqHash.Zero, 0, dihedral ? new DihedralHashes(PdqHash.Zero, PdqHash.Zero, PdqHash.Zero, PdqHash.Zero, PdqHash.Zero, PdqHash.Zero, PdqHash.Zero, PdqHash.Zero) : null);
        }

        var (rows, cols) = (Math.Min(image.Height, MaxSide), Math.Min(image.Width, MaxSide));
        if (image.Width > MaxSide || image.Height > MaxSide)
        {
            (rows, cols) = (MaxSide, MaxSide);
        }

        var luma = new float[rows * cols];
        Luma(image, rows, cols, luma);
        return HashLuma(luma, rows, cols, dihedral);
    }

    /// <summary>The hash of a luminance image (row-major, <paramref name="rows"/> × <paramref name="cols"/>, at most 512 each), which it filters in place.</summary>
    public static PdqResult HashLuma(float[] luma, int rows, int cols, bool dihedral = false)
    {
        ArgumentNullException.ThrowIfNull(luma);
        var scratch = new float[luma.Length];
        JaroszFilter(luma, scratch, rows, cols, WindowSize(cols), WindowSize(rows));
        var small = new float[64 * 64];
        Decimate(luma, rows, cols, small);
        var quality = Quality(small);
        var coefficients = new float[16 * 16];
        Dct64To16(small, coefficients);
        var hash = Threshold(coefficients);
        return new PdqResult(hash, quality, dihedral ? Dihedrals(coefficients) : null);
    }

    // Luminance, reading rows and columns through the nearest-neighbour resize when the image is larger.
    private static void Luma(RgbImage image, int rows, int cols, float[] luma)
    {
        var (width, height) = (image.Width, image.Height);
        var pixels = image.Pixels;
        var grey = true;
        for (var at = 0; at < pixels.Length && grey; at += 3)
        {
            grey = pixels[at] == pixels[at + 1] && pixels[at + 1] == pixels[at + 2];
        }

        for (var i = 0; i < rows; i++)
        {
            var source = pixels.AsSpan((rows == height ? i : (int)((long)i * height / rows)) * width * 3, width * 3);
            var target = luma.AsSpan(i * cols, cols);
            for (var j = 0; j < cols; j++)
            {
                var at = 3 * (cols == width ? j : (int)((long)j * width / cols));
                target[j] = grey ? source[at] : (LumaR * source[at]) + (LumaG * source[at + 1]) + (LumaB * source[at + 2]);
            }
        }
    }

    private static int WindowSize(int oldSize) => (oldSize + (2 * 64) - 1) / (2 * 64);

    // Two passes of a box filter along the rows, then along the columns, each pass from `a` through `b` back to `a`.
    private static void JaroszFilter(float[] a, float[] b, int rows, int cols, int rowWindow, int colWindow)
    {
        var sums = new float[cols];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < rows; i++)
            {
                Box(a, b, i * cols, cols, 1, rowWindow);
            }

            BoxColumns(b, a, rows, cols, colWindow, sums);
        }
    }

    // The column filter of Box, for every column at once, a row at a time: each column sees exactly the operations
    // Box would do on it, in the same order, but the image is read along its rows, eight columns to a vector.
    private static void BoxColumns(float[] input, float[] output, int rows, int cols, int window, float[] sums)
    {
        var half = (window + 2) / 2;
        var leading = half - 1;
        var growing = window - half + 1;
        var full = rows - window;
        var trailing = half - 1;
        Array.Clear(sums);
        int left = 0, right = 0, write = 0, size = 0;
        for (var k = 0; k < leading; k++, right++)
        {
            Add(sums, input.AsSpan(right * cols, cols));
            size++;
        }

        for (var k = 0; k < growing; k++, right++, write++)
        {
            Add(sums, input.AsSpan(right * cols, cols));
            size++;
            Divide(sums, size, output.AsSpan(write * cols, cols));
        }

        for (var k = 0; k < full; k++, left++, right++, write++)
        {
            Add(sums, input.AsSpan(right * cols, cols));
            Subtract(sums, input.AsSpan(left * cols, cols));
            Divide(sums, size, output.AsSpan(write * cols, cols));
        }

        for (var k = 0; k < trailing; k++, left++, write++)
        {
            Subtract(sums, input.AsSpan(left * cols, cols));
            size--;
            Divide(sums, size, output.AsSpan(write * cols, cols));
        }
    }

    private static void Add(Span<float> sums, ReadOnlySpan<float> row)
    {
        var j = 0;
        for (; j <= sums.Length - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            (Vector256.Create<float>(sums[j..]) + Vector256.Create<float>(row[j..])).CopyTo(sums[j..]);
        }

        for (; j < sums.Length; j++)
        {
            sums[j] += row[j];
        }
    }

    private static void Subtract(Span<float> sums, ReadOnlySpan<float> row)
    {
        var j = 0;
        for (; j <= sums.Length - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            (Vector256.Create<float>(sums[j..]) - Vector256.Create<float>(row[j..])).CopyTo(sums[j..]);
        }

        for (; j < sums.Length; j++)
        {
            sums[j] -= row[j];
        }
    }

    private static void Divide(ReadOnlySpan<float> sums, int size, Span<float> row)
    {
        var divisor = Vector256.Create((float)size);
        var j = 0;
        for (; j <= sums.Length - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            (Vector256.Create<float>(sums[j..]) / divisor).CopyTo(row[j..]);
        }

        for (; j < sums.Length; j++)
        {
            row[j] = sums[j] / size;
        }
    }

    // A moving average of `window` samples, centred, shrinking at the ends: a running sum, one add and one subtract
    // a step, divided by the samples it holds.
    private static void Box(float[] input, float[] output, int start, int length, int stride, int window)
    {
        var half = (window + 2) / 2;
        var leading = half - 1;
        var growing = window - half + 1;
        var full = length - window;
        var trailing = half - 1;
        int left = start, right = start, write = start;
        var sum = 0f;
        var size = 0;
        for (var k = 0; k < leading; k++, right += stride)
        {
            sum += input[right];
            size++;
        }

        for (var k = 0; k < growing; k++, right += stride, write += stride)
        {
            sum += input[right];
            size++;
            output[write] = sum / size;
        }

        for (var k = 0; k < full; k++, left += stride, right += stride, write += stride)
        {
            sum += input[right];
            sum -= input[left];
            output[write] = sum / size;
        }

        for (var k = 0; k < trailing; k++, left += stride, write += stride)
        {
            sum -= input[left];
            size--;
            output[write] = sum / size;
        }
    }

    private static void Decimate(float[] input, int rows, int cols, float[] output)
    {
        for (var i = 0; i < 64; i++)
        {
            var row = (int)((i + 0.5) * rows / 64);
            for (var j = 0; j < 64; j++)
            {
                output[(i * 64) + j] = input[(row * cols) + (int)((j + 0.5) * cols / 64)];
            }
        }
    }

    private static int Quality(float[] image)
    {
        var gradient = 0;
        for (var i = 0; i < 63; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                gradient += Math.Abs((int)((image[(i * 64) + j] - image[((i + 1) * 64) + j]) * 100 / 255));
            }
        }

        for (var i = 0; i < 64; i++)
        {
            for (var j = 0; j < 63; j++)
            {
                gradient += Math.Abs((int)((image[(i * 64) + j] - image[(i * 64) + j + 1]) * 100 / 255));
            }
        }

        return Math.Min(100, gradient / 90);
    }

    // B = D A Dᵀ, D 16×64: first T = D A (16×64), then B = T Dᵀ, each sum in single precision in index order.
    private static void Dct64To16(float[] a, float[] b)
    {
        var d = s_dct;
        var t = new float[16 * 64];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += d[(i * 64) + k] * a[(k * 64) + j];
                }

                t[(i * 64) + j] = sum;
            }
        }

        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 16; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += t[(i * 64) + k] * d[(j * 64) + k];
                }

                b[(i * 16) + j] = sum;
            }
        }
    }

    private static float[] Dct()
    {
        // The scale is a float; the product with the cosine is taken in double and rounded once.
        var scale = (float)Math.Sqrt(2.0 / 64.0);
        var d = new float[16 * 64];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                d[(i * 64) + j] = (float)(scale * Math.Cos(Math.PI / 2 / 64.0 * (i + 1) * ((2 * j) + 1)));
            }
        }

        return d;
    }

    private static PdqHash Threshold(ReadOnlySpan<float> coefficients)
    {
        var median = TorbenMedian(coefficients);
        Span<bool> bits = stackalloc bool[256];
        for (var k = 0; k < 256; k++)
        {
            bits[k] = coefficients[k] > median;
        }

        return PdqHash.FromBits(bits);
    }

    // Torben's median: bisects the value range, counting, without reordering the values; the lower median of an even count.
    private static float TorbenMedian(ReadOnlySpan<float> m)
    {
        float min = m[0], max = m[0];
        foreach (var v in m[1..])
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var half = (m.Length + 1) / 2;
        int less, greater, equal;
        float guess, maxBelow, minAbove;
        while (true)
        {
            guess = (min + max) / 2;
            (less, greater, equal) = (0, 0, 0);
            (maxBelow, minAbove) = (min, max);
            foreach (var v in m)
            {
                if (v < guess)
                {
                    less++;
                    maxBelow = v > maxBelow ? v : maxBelow;
                }
                else if (v > guess)
                {
                    greater++;
                    minAbove = v < minAbove ? v : minAbove;
                }
                else
                {
                    equal++;
                }
            }

            if (less <= half && greater <= half)
            {
                break;
            }

            if (less > greater)
            {
                max = maxBelow;
            }
            else
            {
                min = minAbove;
            }
        }

        return less >= half ? maxBelow : less + equal >= half ? guess : minAbove;
    }

    // A coefficient of frequencies (u, v) = (i + 1, j + 1) changes sign by (−1)^u under a top–bottom flip and (−1)^v
    // under a left–right one, and moves to (j, i) under a transpose; each dihedral combines these.
    private static DihedralHashes Dihedrals(float[] c)
    {
        PdqHash Transformed(bool transpose, bool negateRowOdd, bool negateColOdd)
        {
            Span<float> t = stackalloc float[256];
            for (var i = 0; i < 16; i++)
            {
                for (var j = 0; j < 16; j++)
                {
                    var value = transpose ? c[(j * 16) + i] : c[(i * 16) + j];
                    // Frequency i + 1 is odd when i is even.
                    var sign = ((negateRowOdd && i % 2 == 0) ^ (negateColOdd && j % 2 == 0)) ? -1f : 1f;
                    t[(i * 16) + j] = sign * value;
                }
            }

            return Threshold(t);
        }

        return new DihedralHashes(
            Original: Threshold(c),
            Rotate90: Transformed(transpose: true, negateRowOdd: true, negateColOdd: false),
            Rotate180: Transformed(transpose: false, negateRowOdd: true, negateColOdd: true),
            Rotate270: Transformed(transpose: true, negateRowOdd: false, negateColOdd: true),
            FlipX: Transformed(transpose: false, negateRowOdd: true, negateColOdd: false),
            FlipY: Transformed(transpose: false, negateRowOdd: false, negateColOdd: true),
            FlipPlus: Transformed(transpose: true, negateRowOdd: false, negateColOdd: false),
            FlipMinus: Transformed(transpose: true, negateRowOdd: true, negateColOdd: true));
    }
}
