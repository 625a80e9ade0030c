using Selene.Moderation.Pdq;
using Selene.Moderation.Images;

namespace Selene.Moderation.Tests;

/// <summary>
/// PDQ against Meta's reference C++ hasher on the images in tests/data/pdq (expected.tsv and
/// expected-dihedral.tsv, written by pdq-photo-hasher at ThreatExchange commit baefb4ed; see that folder's README):
/// bit for bit on every image, JPEGs included (SkiaSharp decodes them with libjpeg-turbo, as the reference reads them),
/// on the decoded twins of the JPEGs, and for all eight dihedral hashes; the same quality everywhere.
/// </summary>
public class PdqReferenceTests
{
    private static readonly string Folder = Selene.Testing.RepositoryPaths.PdqReference;

    public static TheoryData<string, string, int> Expected() => Rows(Path.Combine(Folder, "expected.tsv"), "");

    public static TheoryData<string, string, int> Twins() => Rows(Path.Combine(Folder, "decoded-twins", "expected.tsv"), "decoded-twins");

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_reference_image_hashes_as_the_reference_does(string file, string hex, int quality)
    {
        var result = HashFile(Path.Combine(Folder, file));
        var expected = PdqHash.Parse(hex);
        var distance = result.Hash.DistanceTo(expected);

        Assert.Equal(quality, result.Quality);
        Assert.True(distance == 0, $"{file}: {distance} bits from the reference ({result.Hash} against {hex})");
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void The_reference_decoders_pixels_hash_bit_for_bit(string file, string hex, int quality)
    {
        var result = HashFile(Path.Combine(Folder, file));

        Assert.Equal((hex, quality), (result.Hash.ToString(), result.Quality));
    }

    [Fact]
    public void The_eight_dihedral_hashes_match_the_reference_under_the_same_rule()
    {
        var failures = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(Folder, "expected-dihedral.tsv")).Skip(1))
        {
            var cells = line.Split('\t');
            var file = cells[0];
            var result = HashFile(Path.Combine(Folder, file), dihedral: true);
            var quality = int.Parse(cells[9], System.Globalization.CultureInfo.InvariantCulture);
            var names = new[] { "orig", "rot90", "rot180", "rot270", "flipx", "flipy", "flipp", "flipm" };
            for (var k = 0; k < 8; k++)
            {
                var distance = result.Dihedral!.All[k].DistanceTo(PdqHash.Parse(cells[k + 1]));
                if (distance > 0 || result.Quality != quality)
                {
                    failures.Add($"{file} {names[k]}: {distance} bits");
                }
            }
        }

        Assert.Empty(failures);
    }

    internal static PdqResult HashFile(string path, bool dihedral = false)
    {
        return PdqHasher.Hash(ImageInput.Load(path), dihedral);
    }

    private static TheoryData<string, string, int> Rows(string tsv, string prefix)
    {
        var data = new TheoryData<string, string, int>();
        foreach (var line in File.ReadLines(tsv).Skip(1))
        {
            var cells = line.Split('\t');
            data.Add(Path.Combine(prefix, cells[0]), cells[1], int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }
}
