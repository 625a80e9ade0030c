using Microsoft.Data.Sqlite;
using Selene.Moderation.Audit;

namespace Selene.Moderation.Tests;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-audit-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_whole_log_verifies_and_survives_reopening()
    {
        var path = Write(5);
        using (var log = AuditLog.Open(path))
        {
            Assert.Equal(6, log.Append("later.png", "allow", true, "{}").Sequence);
        }

        var verified = AuditLog.Verify(path);
        Assert.Equal((6L, (AuditBreak?)null, 6L), (verified.Records, verified.FirstBreak, verified.Head.Sequence));
    }

    [Fact]
    public void A_deleted_tail_still_forms_a_chain_that_holds_but_not_one_that_reaches_the_head_kept_elsewhere()
    {
        var path = Write(8);
        var kept = AuditLog.Verify(path).Head;
        using (var log = AuditLog.Open(path))
        {
            log.Append("later.png", "allow", true, "{}");
        }

        // The log has grown since the head was kept: it still holds that record with that hash.
        Assert.Null(AuditLog.Verify(path, kept).FirstBreak);
        using (var connection = Open(path))
        {
            Execute(connection, "DROP TRIGGER records_no_delete;");
            Execute(connection, "DELETE FROM records WHERE sequence >= 7");
        }

        var alone = AuditLog.Verify(path);
        Assert.Equal((6L, (AuditBreak?)null), (alone.Records, alone.FirstBreak));
        var checkedAgainstHead = AuditLog.Verify(path, kept);
        Assert.Equal(7, checkedAgainstHead.FirstBreak!.Sequence);
        Assert.Contains("records 7 to 8 were deleted", checkedAgainstHead.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_rewritten_whole_holds_by_itself_but_not_against_the_kept_head()
    {
        var path = Write(4);
        var kept = AuditLog.Verify(path).Head;
        var rewritten = Path.Combine(_folder, $"rewritten-{Guid.NewGuid():N}.db");
        using (var log = AuditLog.Open(rewritten))
        {
            for (var i = 1; i <= 4; i++)
            {
                log.Append($"item-{i}.png", "allow", automated: true, "{}");
            }
        }

        Assert.Null(AuditLog.Verify(rewritten).FirstBreak);
        var broken = AuditLog.Verify(rewritten, kept).FirstBreak!;
        Assert.Equal(4, broken.Sequence);
        Assert.Contains("the chain was rewritten", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_refuses_updates_and_deletes()
    {
        var path = Write(3);
        using var connection = Open(path);
        Assert.Throws<SqliteException>(() => Execute(connection, "UPDATE records SET action = 'allow' WHERE sequence = 2"));
        Assert.Throws<SqliteException>(() => Execute(connection, "DELETE FROM records WHERE sequence = 2"));
    }

    [Theory]
    [InlineData("UPDATE records SET action = 'block' WHERE sequence = 4", 4, "contents do not match")]
    [InlineData("UPDATE records SET reasons = '{\"rule\":\"none\"}' WHERE sequence = 2", 2, "contents do not match")]
    [InlineData("DELETE FROM records WHERE sequence = 6", 6, "missing")]
    [InlineData("UPDATE records SET previous = hash WHERE sequence = 3", 3, "link")]
    public void Changing_any_record_makes_verify_fail_at_that_record(string tamper, long at, string why)
    {
        var path = Write(8);
        using (var connection = Open(path))
        {
            // Someone with the file drops the guards and edits it.
            Execute(connection, "DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete;");
            Execute(connection, tamper);
        }

        var broken = AuditLog.Verify(path).FirstBreak;

        Assert.NotNull(broken);
        Assert.Equal(at, broken.Sequence);
        Assert.Contains(why, broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Recomputing_a_changed_records_hash_breaks_the_next_link()
    {
        var path = Write(5);
        using (var connection = Open(path))
        {
            Execute(connection, "DROP TRIGGER records_no_update;");
            Execute(connection, "UPDATE records SET hash = '" + new string('1', 64) + "' WHERE sequence = 2");
        }

        var broken = AuditLog.Verify(path).FirstBreak;

        Assert.Equal(2, broken!.Sequence);
    }

    private string Write(int records)
    {
        var path = Path.Combine(_folder, $"audit-{Guid.NewGuid():N}.db");
        using var log = AuditLog.Open(path);
        for (var i = 1; i <= records; i++)
        {
            log.Append($"item-{i}.png", i % 3 == 0 ? "block" : "allow", automated: true, $"{{\"rule\":\"r{i}\"}}");
        }

        return path;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
