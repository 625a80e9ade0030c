using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Selene.Moderation.Images;

/// <summary>
/// Decodes an image only after checking it is one worth decoding: not empty, a format ImageSharp knows, whole (a JPEG
/// ends with its end-of-image marker, a PNG with IEND, a WebP's RIFF size matches the file), with dimensions above
/// zero and a declared size within the limit, read from the header before any pixel is allocated, so a
/// decompression bomb is turned away. Alpha, if any, is dropped (PDQ hashes the colour under it).
/// </summary>
public static class ImageInput
{
    /// <summary>Most pixels an image may declare (64 megapixels).</summary>
    public const long MaxPixels = 64L * 1024 * 1024;

    /// <summary>Longest side an image may declare.</summary>
    public const int MaxSide = 32_768;

    /// <summary>Reads and decodes the file at <paramref name="path"/>.</summary>
    /// <exception cref="ImageRejectedException">Why it is not decoded.</exception>
    public static Image<Rgb24> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageRejectedException(path, $"cannot be read: {e.Message}", e);
        }

        return Load(bytes, path);
    }

    /// <summary>Decodes <paramref name="bytes"/>, naming them <paramref name="source"/> in any rejection.</summary>
    /// <exception cref="ImageRejectedException">Why it is not decoded.</exception>
    public static Image<Rgb24> Load(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new ImageRejectedException(source, "empty file");
        }

        IImageInfo? info;
        try
        {
            info = Image.Identify(bytes);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or InvalidDataException or ArgumentException)
        {
            throw new ImageRejectedException(source, $"corrupt image header: {e.Message}", e);
        }

        if (info is null)
        {
            throw new ImageRejectedException(source, "not an image (no format ImageSharp reads: JPEG, PNG, WebP, GIF, BMP, TIFF, TGA, PBM)");
        }

        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageRejectedException(source, $"zero-size image ({info.Width}×{info.Height})");
        }

        if (info.Width > MaxSide || info.Height > MaxSide || (long)info.Width * info.Height > MaxPixels)
        {
            throw new ImageRejectedException(source, $"declares {info.Width}×{info.Height} pixels, over the limit of {MaxPixels / (1024 * 1024)} megapixels or {MaxSide} a side (a decompression bomb?)");
        }

        if (Truncation(bytes) is { } truncated)
        {
            throw new ImageRejectedException(source, truncated);
        }

        try
        {
            return Image.Load<Rgb24>(bytes);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ImageRejectedException(source, $"corrupt image data: {e.Message}", e);
        }
    }

    // ImageSharp decodes what it can of a cut-off file and fills the rest; a whole file has its end where it should.
    private static string? Truncation(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            var tail = bytes[Math.Max(0, bytes.Length - 1024)..];
            return tail.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0 ? null : "truncated JPEG: no end-of-image marker";
        }

        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            var tail = bytes[Math.Max(0, bytes.Length - 64)..];
            return tail.IndexOf("IEND"u8) >= 0 ? null : "truncated PNG: no IEND chunk";
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            var declared = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..8]) + 8L;
            return declared <= bytes.Length ? null : $"truncated WebP: {bytes.Length} of {declared} bytes";
        }

        return null;
    }
}
