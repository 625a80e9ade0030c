namespace Selene.Moderation.Images;

/// <summary>Decoded pixels as the filter reads them: 8-bit red, green and blue, row by row, with no padding and no alpha.</summary>
public sealed class RgbImage
{
    /// <summary>An image of <paramref name="width"/> × <paramref name="height"/> pixels, black, or of the pixels given.</summary>
    /// <param name="width">Columns, at least 1.</param>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="pixels">3 × width × height bytes, RGB, row-major; a new black image when null.</param>
    public RgbImage(int width, int height, byte[]? pixels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var length = 3L * width * height;
        if (pixels is not null && pixels.Length != length)
        {
            throw new ArgumentException($"{width}×{height} RGB pixels are {length} bytes, not {pixels.Length}", nameof(pixels));
        }

        (Width, Height, Pixels) = (width, height, pixels ?? new byte[length]);
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The pixels: R, G, B for each, row by row from the top.</summary>
    public byte[] Pixels { get; }

    /// <summary>Row <paramref name="y"/>'s bytes.</summary>
    public Span<byte> Row(int y) => Pixels.AsSpan(y * Width * 3, Width * 3);

    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var at = ((y * Width) + x) * 3;
            return (Pixels[at], Pixels[at + 1], Pixels[at + 2]);
        }

        set
        {
            var at = ((y * Width) + x) * 3;
            (Pixels[at], Pixels[at + 1], Pixels[at + 2]) = value;
        }
    }
}
