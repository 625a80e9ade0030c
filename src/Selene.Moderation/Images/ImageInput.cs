using System.Globalization;
using SkiaSharp;

namespace Selene.Moderation.Images;

/// <summary>
/// Decodes an image with SkiaSharp (libjpeg-turbo, libpng, libwebp, Skia's GIF and BMP decoders) only after checking it
/// is one worth decoding: not empty, a format Skia reads, whole (a JPEG ends with its end-of-image marker, a PNG with
/// IEND, a WebP's RIFF size matches the file), with dimensions above zero and a declared size within the limit, read
/// from the header before any pixel is allocated, so a decompression bomb is turned away. A decode that Skia reports
/// as anything but complete is refused, so no pixel ever comes from memory the file did not fill. Alpha, if any, is
/// dropped (PDQ hashes the colour under it).
/// </summary>
public static class ImageInput
{
    /// <summary>Most pixels an image may declare (64 megapixels).</summary>
    public const long MaxPixels = 64L * 1024 * 1024;

    /// <summary>Longest side an image may declare.</summary>
    public const int MaxSide = 32_768;

    /// <summary>Most pixels all the frames of an animation may hold together (each frame is decoded in turn).</summary>
    public const long MaxAnimationPixels = 16 * MaxPixels;

    /// <summary>The formats Skia reads, for messages.</summary>
    public const string Formats = "JPEG, PNG, WebP, GIF, BMP, ICO, WBMP";

    /// <summary>Reads and decodes the file at <paramref name="path"/>.</summary>
    /// <exception cref="ImageRejectedException">Why it is not decoded.</exception>
    public static RgbImage Load(string path) => Load(ReadBytes(path), path);

    /// <summary>The bytes of the file at <paramref name="path"/>.</summary>
    /// <exception cref="ImageRejectedException">It cannot be read.</exception>
    public static byte[] ReadBytes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageRejectedException(path, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Decodes <paramref name="bytes"/> (the first frame of an animation), naming them <paramref name="source"/> in any rejection.</summary>
    /// <exception cref="ImageRejectedException">Why it is not decoded.</exception>
    public static RgbImage Load(byte[] bytes, string source)
    {
        using var codec = Open(bytes, source);
        var rgba = new byte[4L * codec.Info.Width * codec.Info.Height];
        DecodeFrame(codec, 0, -1, rgba, source);
        return SkiaPixels.FromRgba(rgba, codec.Info.Width, codec.Info.Height, 4 * codec.Info.Width);
    }

    /// <summary>True when <paramref name="bytes"/> start as an image Skia reads (whole or not).</summary>
    public static bool IsImage(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        return codec is not null;
    }

    /// <summary>A codec of <paramref name="bytes"/> after every check but the decode itself.</summary>
    /// <exception cref="ImageRejectedException">Why it will not be decoded.</exception>
    internal static SKCodec Open(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new ImageRejectedException(source, "empty file");
        }

        // The codec owns the stream it reads from and disposes of it with itself.
        var stream = new SKMemoryStream(bytes);
        var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
        {
            stream.Dispose();
            throw new ImageRejectedException(source, result switch
            {
                SKCodecResult.IncompleteInput => "corrupt or truncated image header",
                SKCodecResult.InvalidInput => $"not an image Selene decodes ({Formats}), or one whose header the decoder refuses",
                _ => $"not an image (no format Selene reads: {Formats})",
            });
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        string? problem = width <= 0 || height <= 0 ? $"zero-size image ({width}×{height})"
            : width > MaxSide || height > MaxSide || (long)width * height > MaxPixels
                ? $"declares {width}×{height} pixels, over the limit of {MaxPixels / (1024 * 1024)} megapixels or {MaxSide} a side (a decompression bomb?)"
            : (long)width * height * Math.Max(1, codec.FrameCount) > MaxAnimationPixels
                ? $"an animation of {codec.FrameCount} frames of {width}×{height}, over the limit of {MaxAnimationPixels / (1024 * 1024)} megapixels in all"
            : Truncation(bytes);
        if (problem is not null)
        {
            codec.Dispose();
            throw new ImageRejectedException(source, problem);
        }

        return codec;
    }

    /// <summary>
    /// Decodes frame <paramref name="frame"/> into <paramref name="rgba"/> (RGBA, unpremultiplied, rows without padding),
    /// which holds frame <paramref name="priorFrame"/> already when that is not −1.
    /// </summary>
    /// <exception cref="ImageRejectedException">Skia did not decode the whole frame.</exception>
    internal static unsafe void DecodeFrame(SKCodec codec, int frame, int priorFrame, byte[] rgba, string source)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(rgba);
        var info = SkiaPixels.Info(codec.Info.Width, codec.Info.Height);
        SKCodecResult result;
        fixed (byte* pixels = rgba)
        {
            result = codec.GetPixels(info, (IntPtr)pixels, info.RowBytes, new SKCodecOptions(frame, priorFrame));
        }

        if (result != SKCodecResult.Success)
        {
            throw new ImageRejectedException(source, result == SKCodecResult.IncompleteInput
                ? string.Create(CultureInfo.InvariantCulture, $"incomplete image: the data ends or breaks off before the pixels of {(codec.FrameCount > 1 ? $"frame {frame}" : "the image")} do (truncated or corrupt)")
                : $"corrupt image data ({result})");
        }
    }

    // A decoder may stop at the last whole scan of a cut-off file and call it done; a whole file ends where it should.
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

        if (bytes.Length >= 6 && (bytes[..6].SequenceEqual("GIF89a"u8) || bytes[..6].SequenceEqual("GIF87a"u8)))
        {
            return bytes[^1] == 0x3B ? null : "truncated GIF: no trailer";
        }

        return null;
    }
}
