using System.Buffers.Binary;
using System.IO.Hashing;
using Selene.Moderation.Images;

namespace Selene.Moderation.Tests;

public sealed class ImageInputTests : IDisposable
{
    private static readonly string Reference = Selene.Testing.RepositoryPaths.PdqReference;
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-images-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "text.jpg", "not an image" },
        { "empty.png", "empty file" },
        { "half.jpg", "truncated JPEG" },
        { "half.png", "truncated PNG" },
        { "bad-data.png", "incomplete image" },
        { "zero.png", "image header" },
        { "bomb.png", "decompression bomb" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_file_that_is_not_a_whole_sane_image_is_rejected_with_its_reason(string name, string reason)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, name switch
        {
            "text.jpg" => "this is not an image\n"u8.ToArray(),
            "empty.png" => [],
            "half.jpg" => Half("bridge-mods/square-512x512.jpg"),
            "half.png" => Half("misc-images/c.png"),
            "bad-data.png" => Png(8, 8, idat: [.. Enumerable.Repeat((byte)0xAB, 64)]),
            "zero.png" => Png(0, 0, idat: [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
            _ => Png(200_000, 200_000, idat: [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
        });

        var error = Assert.Throws<ImageRejectedException>(() => ImageInput.Load(path));

        Assert.Equal(path, error.Source);
        Assert.True(error.Reason.Contains(reason, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void A_whole_image_decodes()
    {
        var image = ImageInput.Load(Path.Combine(Reference, "bridge-mods", "square-512x512.jpg"));
        Assert.Equal((512, 512), (image.Width, image.Height));
    }

    private static byte[] Half(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Reference, file));
        return bytes[..(bytes.Length / 2)];
    }

    // A PNG of the given header and compressed data, each chunk with its CRC, so only what the test means is wrong.
    private static byte[] Png(int width, int height, byte[] idat)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typed));
        png.Write(crc);
    }
}
