using Selene.Moderation.Images;

namespace Selene.Moderation.Generation;

/// <summary>
/// A deterministic stand-in for an image generator, for tests and the simulation: each request id always gives the
/// same PNG. Most are new pictures (soft colour fields with shapes, of the request's own seed); a set share are
/// copies of known items, turned, flipped or resized as a re-upload would be (what the bank must catch); and a set
/// share come out broken (cut-off files, as a failing generator or transfer leaves them).
/// </summary>
public sealed class SyntheticGenerator(IReadOnlyList<RgbImage> known, double knownShare, double brokenShare, int seed = 1)
{
    /// <summary>What a request produced, and what it is meant to be (for checking the filter).</summary>
    public GeneratedItem Generate(long request)
    {
        var random = new Random(HashCode.Combine(seed, request));
        var draw = random.NextDouble();
        if (draw < brokenShare)
        {
            var whole = SkiaPixels.EncodePng(Picture(random));
            return new GeneratedItem($"gen-{request}.png", whole[..(whole.Length / 3)], GeneratedKind.Broken);
        }

        if (draw < brokenShare + knownShare && known.Count > 0)
        {
            var copy = Alter(known[random.Next(known.Count)], random.Next(6));
            return new GeneratedItem($"gen-{request}.png", SkiaPixels.EncodePng(copy), GeneratedKind.KnownCopy);
        }

        return new GeneratedItem($"gen-{request}.png", SkiaPixels.EncodePng(Picture(random)), GeneratedKind.New);
    }

    private static RgbImage Alter(RgbImage image, int how) => how switch
    {
        0 => SkiaPixels.Turn(image, 1),
        1 => SkiaPixels.Turn(image, 2),
        2 => SkiaPixels.Turn(image, 0, mirror: true),
        3 => SkiaPixels.Turn(image, 2, mirror: true),
        4 => SkiaPixels.Resize(image, image.Width / 2, image.Height / 2),
        _ => SkiaPixels.Blur(image, 0.8f),
    };

    private static RgbImage Picture(Random random)
    {
        var image = new RgbImage(256, 256);
        var (a, b, c) = (random.NextDouble() * 6.28, random.NextDouble() * 0.05, random.NextDouble() * 0.05);
        var shapes = Enumerable.Range(0, 6).Select(_ => (X: random.Next(256), Y: random.Next(256), R: 10 + random.Next(50), Colour: ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)))).ToArray();
        for (var y = 0; y < 256; y++)
        {
            for (var x = 0; x < 256; x++)
            {
                var v = 128 + (90 * Math.Sin(a + (b * x) + (c * y)));
                image[x, y] = ((byte)v, (byte)(255 - v), (byte)((x + y) / 2));
                foreach (var s in shapes)
                {
                    if (((x - s.X) * (x - s.X)) + ((y - s.Y) * (y - s.Y)) < s.R * s.R)
                    {
                        image[x, y] = s.Colour;
                    }
                }
            }
        }

        return image;
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
