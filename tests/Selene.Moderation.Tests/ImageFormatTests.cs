using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Selene.Moderation.Audit;
using Selene.Moderation.Filtering;
using Selene.Moderation.Images;
using Selene.Moderation.Pdq;
using Selene.Moderation.Policy;

namespace Selene.Moderation.Tests;

/// <summary>
/// Every image format, whole and cut off: the same bytes give the same answer every time (a hash, or the same
/// refusal), nothing is hashed from pixels the file did not hold, and a bad item in a batch is quarantined while the
/// rest go on. The files are written by SkiaSharp (PNG, JPEG, WebP) and by ffmpeg (BMP, GIF, TIFF) from one photograph.
/// </summary>
public sealed class ImageFormatTests : IDisposable
{
    private static readonly string[] s_formats = ["png", "jpg", "webp", "bmp", "gif", "tiff"];
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-formats-").FullName;

    public ImageFormatTests()
    {
        var photo = SkiaPixels.Resize(ImageInput.Load(Path.Combine(Selene.Testing.RepositoryPaths.PdqReference, "bridge-mods", "aaa-orig.jpg")), 160, 120);
        var png = Path.Combine(_folder, "photo.png");
        File.WriteAllBytes(png, SkiaPixels.EncodePng(photo));
        using (var bitmap = SkiaPixels.ToBitmap(photo))
        {
            File.WriteAllBytes(Path.Combine(_folder, "photo.jpg"), bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90).ToArray());
            File.WriteAllBytes(Path.Combine(_folder, "photo.webp"), bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Webp, 90).ToArray());
        }

        foreach (var format in new[] { "bmp", "gif", "tiff" })
        {
            FfmpegTool.Run("-i", png, Path.Combine(_folder, $"photo.{format}"));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<string> Formats() => [.. s_formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_same_bytes_give_the_same_answer_every_time_whole_or_cut_off(string format)
    {
        var whole = File.ReadAllBytes(Path.Combine(_folder, $"photo.{format}"));
        foreach (var bytes in new[] { whole, whole[..(whole.Length / 2)], whole[..(whole.Length - 40)] })
        {
            var answers = Enumerable.Range(0, 3).Select(_ => Answer(bytes)).ToList();
            Assert.All(answers, a => Assert.Equal(answers[0], a));
            if (bytes.Length < whole.Length)
            {
                Assert.StartsWith("refused", answers[0], StringComparison.Ordinal);
            }
            else
            {
                // TIFF is not a format Skia reads: refused, whole or not.
                Assert.StartsWith(format == "tiff" ? "refused: not an image Selene decodes" : "hash", answers[0], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_tiny_bitmap_declaring_8000_by_8000_pixels_is_refused_every_time_not_hashed_from_memory_it_never_filled()
    {
        var bitmap = Bmp(8000, 8000, 100);
        Assert.Equal(154, bitmap.Length);

        var answers = Enumerable.Range(0, 3).Select(_ => Answer(bitmap)).ToList();

        Assert.All(answers, a => Assert.Equal("refused: incomplete image: the data ends or breaks off before the pixels of the image do (truncated or corrupt)", a));
        // Skia's BMP decoder itself refuses a header this large; a PNG of the same size reaches the project's own limit.
        Assert.Contains("header the decoder refuses", Answer(Bmp(100_000, 100_000, 100)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_with_cut_off_files_of_every_format_goes_on_quarantining_each_and_publishing_the_whole_ones()
    {
        var items = s_formats.SelectMany(f =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(_folder, $"photo.{f}"));
            return new[] { ($"whole.{f}", bytes), ($"cut.{f}", bytes[..(bytes.Length / 2)]) };
        }).Append(("tiny.bmp", Bmp(8000, 8000, 100))).ToList();
        var quarantine = Path.Combine(_folder, "quarantine");
        var auditPath = Path.Combine(_folder, "audit.db");
        using var audit = AuditLog.Open(auditPath);
        var moderator = new Moderator(PdqBank.Of([]), ModerationPolicy.Default, audit, quarantine);

        var outcomes = items.Select(i => moderator.Moderate(i.Item2, i.Item1)).ToList();

        Assert.Equal(items.Count, outcomes.Count);
        var rejected = outcomes.Where(o => o.Rejected is not null).Select(o => o.Item).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([.. s_formats.Select(f => $"cut.{f}").Append("tiny.bmp").Append("whole.tiff").Order(StringComparer.Ordinal)], rejected);
        Assert.Equal(rejected.Count, Directory.GetFiles(quarantine).Length);
        Assert.All(outcomes.Where(o => o.Rejected is null), o => Assert.True(o.Published, o.Item));
        var verified = AuditLog.Verify(auditPath);
        Assert.Equal(((long)items.Count, (AuditBreak?)null), (verified.Records, verified.FirstBreak));
    }

    private static string Answer(byte[] bytes)
    {
        try
        {
            return "hash " + PdqHasher.Hash(ImageInput.Load(bytes, "item")).Hash;
        }
        catch (ImageRejectedException e)
        {
            return "refused: " + e.Reason;
        }
    }

    // A 24-bit BMP header declaring width × height, followed by only `pixelBytes` bytes of pixels.
    private static byte[] Bmp(int width, int height, int pixelBytes)
    {
        var bmp = new byte[54 + pixelBytes];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (var i = 54; i < bmp.Length; i++)
        {
            bmp[i] = (byte)(i * 37);
        }

        return bmp;
    }
}
