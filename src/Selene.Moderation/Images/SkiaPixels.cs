using SkiaSharp;

namespace Selene.Moderation.Images;

/// <summary>
/// <see cref="RgbImage"/> to and from SkiaSharp, and what the project asks of Skia besides decoding: resizing,
/// blurring, cropping, turning and PNG encoding. Skia's pixels here are RGBA, unpremultiplied.
/// </summary>
public static class SkiaPixels
{
    /// <summary>The RGB of a bitmap's pixels, its alpha dropped (the colour under it is kept).</summary>
    public static RgbImage ToRgb(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 && bitmap.AlphaType is SKAlphaType.Unpremul or SKAlphaType.Opaque ? null : new SKBitmap(Info(bitmap.Width, bitmap.Height));
        if (rgba is not null && !bitmap.CopyTo(rgba, SKColorType.Rgba8888))
        {
            throw new InvalidOperationException("Skia could not convert the pixels to RGBA");
        }

        return FromRgba((rgba ?? bitmap).GetPixelSpan(), bitmap.Width, bitmap.Height, (rgba ?? bitmap).RowBytes);
    }

    /// <summary>An opaque RGBA bitmap of <paramref name="image"/>'s pixels.</summary>
    public static SKBitmap ToBitmap(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var bitmap = new SKBitmap(Info(image.Width, image.Height));
        var target = bitmap.GetPixelSpan();
        var source = image.Pixels;
        for (var y = 0; y < image.Height; y++)
        {
            var row = target.Slice(y * bitmap.RowBytes, image.Width * 4);
            for (int x = 0, from = y * image.Width * 3; x < image.Width; x++, from += 3)
            {
                row[4 * x] = source[from];
                row[(4 * x) + 1] = source[from + 1];
                row[(4 * x) + 2] = source[from + 2];
                row[(4 * x) + 3] = 255;
            }
        }

        return bitmap;
    }

    /// <summary>RGB pixels from RGBA rows of <paramref name="rowBytes"/> each.</summary>
    public static RgbImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height, int rowBytes)
    {
        var image = new RgbImage(width, height);
        var target = image.Pixels;
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * rowBytes, width * 4);
            for (int x = 0, to = y * width * 3; x < width; x++, to += 3)
            {
                target[to] = row[4 * x];
                target[to + 1] = row[(4 * x) + 1];
                target[to + 2] = row[(4 * x) + 2];
            }
        }

        return image;
    }

    /// <summary><paramref name="image"/> resized to <paramref name="width"/> × <paramref name="height"/>, bilinear with mipmaps (so a large reduction averages, as an area filter does).</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        using var source = ToBitmap(image);
        using var resized = source.Resize(Info(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidOperationException($"Skia could not resize {image.Width}×{image.Height} to {width}×{height}");
        return ToRgb(resized);
    }

    /// <summary>The <paramref name="width"/> × <paramref name="height"/> rectangle of <paramref name="image"/> from (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public static RgbImage Crop(RgbImage image, int left, int top, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (left < 0 || top < 0 || width <= 0 || height <= 0 || left + width > image.Width || top + height > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"({left}, {top}) {width}×{height} is not inside {image.Width}×{image.Height}");
        }

        var crop = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            image.Row(top + y).Slice(left * 3, width * 3).CopyTo(crop.Row(y));
        }

        return crop;
    }

    /// <summary><paramref name="image"/> blurred by a Gaussian of <paramref name="sigma"/> pixels, edges clamped.</summary>
    public static RgbImage Blur(RgbImage image, float sigma) => Draw(image, image.Width, image.Height, (canvas, source) =>
    {
        using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp) };
        canvas.DrawBitmap(source, 0, 0, paint);
    });

    /// <summary><paramref name="image"/> turned clockwise by <paramref name="quarterTurns"/> quarter turns, then mirrored left to right when <paramref name="mirror"/>.</summary>
    public static RgbImage Turn(RgbImage image, int quarterTurns, bool mirror = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        var turns = ((quarterTurns % 4) + 4) % 4;
        var (width, height) = turns % 2 == 0 ? (image.Width, image.Height) : (image.Height, image.Width);
        return Draw(image, width, height, (canvas, source) =>
        {
            canvas.Translate(width / 2f, height / 2f);
            canvas.Scale(mirror ? -1 : 1, 1);
            canvas.RotateDegrees(90 * turns);
            canvas.Translate(-image.Width / 2f, -image.Height / 2f);
            using var paint = new SKPaint();
            using var turned = SKImage.FromBitmap(source);
            canvas.DrawImage(turned, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), paint);
        });
    }

    /// <summary>The PNG file of <paramref name="image"/>.</summary>
    public static byte[] EncodePng(RgbImage image)
    {
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("Skia could not encode a PNG");
        return data.ToArray();
    }

    /// <summary>RGBA, unpremultiplied, no colour space: pixels exactly as the file holds them.</summary>
    public static SKImageInfo Info(int width, int height) => new(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);

    private static RgbImage Draw(RgbImage image, int width, int height, Action<SKCanvas, SKBitmap> draw)
    {
        using var source = ToBitmap(image);
        using var target = new SKBitmap(Info(width, height));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.Black);
            draw(canvas, source);
        }

        return ToRgb(target);
    }
}
