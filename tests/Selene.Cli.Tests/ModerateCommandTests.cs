using Microsoft.Data.Sqlite;

namespace Selene.Cli.Tests;

public sealed class ModerateCommandTests : IDisposable
{
    private static readonly string Reference = Selene.Testing.RepositoryPaths.PdqReference;
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-moderate-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Copies_of_a_banked_image_are_blocked_a_non_image_is_quarantined_and_changing_a_record_breaks_verify_there()
    {
        var bank = Path.Combine(_folder, "bank.txt");
        var hash = CliRun.Of("pdq", Path.Combine(Reference, "reg-test-input", "dih", "bridge-1-original.jpg"));
        File.WriteAllText(bank, hash.Out.Split('\t')[0] + "\tknown\n");
        var junk = Path.Combine(_folder, "junk.webp");
        File.WriteAllText(junk, "not a picture");
        var audit = Path.Combine(_folder, "audit.db");

        var run = CliRun.Of("moderate", Path.Combine(Reference, "reg-test-input", "dih"), junk, "--bank", bank, "--audit", audit, "--quarantine", Path.Combine(_folder, "q"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(8, run.Out.Split('\n').Count(l => l.StartsWith("block\t", StringComparison.Ordinal)));
        Assert.Contains($"{junk}: error: PATH: not an image", run.Errors, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "q")));
        var verified = CliRun.Of("audit", "verify", audit);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("9 records, the chain holds", verified.Out, StringComparison.Ordinal);

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={audit};Pooling=False"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "DROP TRIGGER records_no_update; UPDATE records SET action = 'allow' WHERE sequence = 5;";
            tamper.ExecuteNonQuery();
        }

        var broken = CliRun.Of("audit", "verify", audit);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("record 5: the chain breaks here", broken.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_prints_the_head_and_a_head_kept_elsewhere_catches_a_deleted_tail()
    {
        var audit = Path.Combine(_folder, "audit.db");
        Assert.Equal(0, CliRun.Of("moderate", Path.Combine(Reference, "reg-test-input", "dih"), "--audit", audit, "--quarantine", Path.Combine(_folder, "q")).ExitCode);
        var verified = CliRun.Of("audit", "verify", audit);
        var head = System.Text.RegularExpressions.Regex.Match(verified.Out, "head ([0-9]+:[0-9a-f]{64})").Groups[1].Value;
        Assert.StartsWith("8:", head, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Of("audit", "verify", audit, "--expect-head", head).ExitCode);

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={audit};Pooling=False"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "DROP TRIGGER records_no_delete; DELETE FROM records WHERE sequence > 6;";
            tamper.ExecuteNonQuery();
        }

        Assert.Equal(0, CliRun.Of("audit", "verify", audit).ExitCode);
        var cut = CliRun.Of("audit", "verify", audit, "--expect-head", head);
        Assert.Equal(2, cut.ExitCode);
        Assert.Contains("record 7: the chain breaks here: the log ends at record 6, but the kept head is record 8: records 7 to 8 were deleted", cut.Errors, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.Of("audit", "verify", audit, "--expect-head", "8:nothex").ExitCode);
    }
}
