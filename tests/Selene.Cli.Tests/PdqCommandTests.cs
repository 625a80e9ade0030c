using System.Text.Json;

namespace Selene.Cli.Tests;

public class PdqCommandTests
{
    private static readonly string Reference = Selene.Testing.RepositoryPaths.PdqReference;

    [Fact]
    public void Each_file_gets_the_reference_hash_and_quality_and_its_dihedrals_on_request()
    {
        var run = CliRun.Of("pdq", Path.Combine(Reference, "misc-images", "c.png"), Path.Combine(Reference, "bridge-mods", "aaa-orig.jpg"), "--dihedral", "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        Assert.Equal(2, lines.Count);
        // tests/data/pdq/expected.tsv and expected-dihedral.tsv (Meta's reference hasher).
        Assert.Equal("e4cc89d91c623842f8d1f1d9a398e78c9f199a3bf87925f2b7e11e0bf061b064", lines[0].GetProperty("hash").GetString());
        Assert.Equal(100, lines[0].GetProperty("quality").GetInt32());
        Assert.Equal(8, lines[1].GetProperty("dihedral").GetArrayLength());
        Assert.Equal("adad5a64b5a102e55b62a88052dacd5ae63b847fc337b4b766b399361bc93188", lines[1].GetProperty("dihedral")[2].GetString());
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_named_with_its_reason_and_exits_2_after_the_good_ones()
    {
        var text = Path.Combine(Path.GetTempPath(), $"selene-not-an-image-{Guid.NewGuid():N}.jpg");
        File.WriteAllText(text, "not an image");
        try
        {
            var run = CliRun.Of("pdq", Path.Combine(Reference, "misc-images", "c.png"), text);

            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("e4cc89d91c623842", run.Out, StringComparison.Ordinal);
            Assert.Contains($"{text}: error: FILE: not an image", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(text);
        }
    }
}
