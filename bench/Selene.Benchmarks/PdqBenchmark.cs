using System.Diagnostics;
using System.Globalization;
using Selene.Moderation.Images;
using Selene.Moderation.Pdq;

namespace Selene.Benchmarks;

/// <summary>
/// PDQ on one core, as Meta's reference was timed: a JPEG read, decoded and hashed per iteration, and the same
/// pixels hashed already decoded (SkiaSharp decodes on the calling thread).
/// </summary>
public static class PdqBenchmark
{
    public static string Run(string file, int count)
    {
        var bytes = File.ReadAllBytes(file);
        for (var i = 0; i < 20; i++)
        {
            var warm = ImageInput.Load(bytes, file);
            PdqHasher.Hash(warm);
        }

        var clock = Stopwatch.StartNew();
        var checksum = 0;
        for (var i = 0; i < count; i++)
        {
            var image = ImageInput.Load(File.ReadAllBytes(file), file);
            checksum ^= PdqHasher.Hash(image).Quality;
        }

        var decodeAndHash = count / clock.Elapsed.TotalSeconds;
        var decoded = ImageInput.Load(bytes, file);
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            checksum ^= PdqHasher.Hash(decoded).Quality;
        }

        var hashOnly = count / clock.Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"pdq file={Path.GetFileName(file)} count={count} decode_and_hash_per_second={decodeAndHash:0} hash_decoded_per_second={hashOnly:0} checksum={checksum}");
    }
}
