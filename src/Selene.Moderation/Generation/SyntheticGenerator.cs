using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Selene.Moderation.Generation;

/// <summary>
/// A deterministic stand-in for an image generator, for tests and the simulation: each request id always gives the
/// same PNG. Most are new pictures (soft colour fields with shapes, of the request's own seed); a set share are
/// copies of known items, turned, flipped or resized as a re-upload would be (what the bank must catch); and a set
/// share come out broken (cut-off files, as a failing generator or transfer leaves them).
/// </summary>
public sealed class SyntheticGenerator(IReadOnlyList<Image<Rgb24>> known, double knownShare, double brokenShare, int seed = 1)
{
    /// <summary>What a request produced, and what it is meant to be (for checking the filter).</summary>
    public GeneratedItem Generate(long request)
    {
        var random = new Random(HashCode.Combine(seed, request));
        var draw = random.NextDouble();
        if (draw < brokenShare)
        {
            var whole = Png(Picture(random));
            return new GeneratedItem($"gen-{request}.png", whole[..(whole.Length / 3)], GeneratedKind.Broken);
        }

        if (draw < brokenShare + knownShare && known.Count > 0)
        {
            using var copy = known[random.Next(known.Count)].Clone(image => Alter(image, random.Next(6)));
            return new GeneratedItem($"gen-{request}.png", Png(copy), GeneratedKind.KnownCopy);
        }

        using var picture = Picture(random);
        return new GeneratedItem($"gen-{request}.png", Png(picture), GeneratedKind.New);
    }

    private static void Alter(IImageProcessingContext image, int how)
    {
        switch (how)
        {
            case 0: image.Rotate(RotateMode.Rotate90); break;
            case 1: image.Rotate(RotateMode.Rotate180); break;
            case 2: image.Flip(FlipMode.Horizontal); break;
            case 3: image.Flip(FlipMode.Vertical); break;
            case 4: image.Resize(image.GetCurrentSize() / 2); break;
            default: image.GaussianBlur(0.8f); break;
        }
    }

    private static Image<Rgb24> Picture(Random random)
    {
        var image = new Image<Rgb24>(256, 256);
        var (a, b, c) = (random.NextDouble() * 6.28, random.NextDouble() * 0.05, random.NextDouble() * 0.05);
        var shapes = Enumerable.Range(0, 6).Select(_ => (X: random.Next(256), Y: random.Next(256), R: 10 + random.Next(50), Colour: new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)))).ToArray();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < 256; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < 256; x++)
                {
                    var v = 128 + (90 * Math.Sin(a + (b * x) + (c * y)));
                    row[x] = new Rgb24((byte)v, (byte)(255 - v), (byte)((x + y) / 2));
                    foreach (var s in shapes)
                    {
                        if (((x - s.X) * (x - s.X)) + ((y - s.Y) * (y - s.Y)) < s.R * s.R)
                        {
                            row[x] = s.Colour;
                        }
                    }
                }
            }
        });
        return image;
    }

    private static byte[] Png(Image<Rgb24> image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}

/// <summary>A generated item: its name, its bytes and what it was meant to be.</summary>
public sealed record GeneratedItem(string Name, byte[] Bytes, GeneratedKind Kind);

/// <summary>What the generator meant an item to be.</summary>
public enum GeneratedKind
{
    /// <summary>A new picture.</summary>
    New,

    /// <summary>A turned, flipped or resized copy of a known item.</summary>
    KnownCopy,

    /// <summary>A cut-off file.</summary>
    Broken,
}
