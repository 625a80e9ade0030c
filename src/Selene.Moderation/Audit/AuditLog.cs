using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Selene.Moderation.Audit;

/// <summary>
/// The decision log: a SQLite table that only grows (triggers refuse updates and deletes), each record carrying the
/// SHA-256 of its own fields and of the record before it, so changing, removing or reordering any record breaks the
/// chain from there on, and <see cref="Verify"/> names the first record that does not hold.
/// </summary>
public sealed class AuditLog : IDisposable
{
    /// <summary>The previous hash of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private string _last;
    private long _sequence;

    private AuditLog(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        using var last = _connection.CreateCommand();
        last.CommandText = "SELECT sequence, hash FROM records ORDER BY sequence DESC LIMIT 1";
        using var reader = last.ExecuteReader();
        (_sequence, _last) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, Genesis);
    }

    /// <summary>Opens (creating if need be) the log at <paramref name="path"/>.</summary>
    public static AuditLog Open(string path, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var schema = connection.CreateCommand();
        schema.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS records (
                sequence INTEGER PRIMARY KEY,
                time TEXT NOT NULL,
                item TEXT NOT NULL,
                action TEXT NOT NULL,
                automated INTEGER NOT NULL,
                reasons TEXT NOT NULL,
                previous TEXT NOT NULL,
                hash TEXT NOT NULL);
            CREATE TRIGGER IF NOT EXISTS records_no_update BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """;
        schema.ExecuteNonQuery();
        return new AuditLog(connection, time ?? TimeProvider.System);
    }

    /// <summary>Records a decision; returns the record.</summary>
    public AuditRecord Append(string item, string action, bool automated, string reasons)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(reasons);
        lock (_gate)
        {
            var time = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            var sequence = _sequence + 1;
            var hash = HashOf(sequence, time, item, action, automated, reasons, _last);
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO records (sequence, time, item, action, automated, reasons, previous, hash) VALUES ($s, $t, $i, $a, $m, $r, $p, $h)";
            insert.Parameters.AddWithValue("$s", sequence);
            insert.Parameters.AddWithValue("$t", time);
            insert.Parameters.AddWithValue("$i", item);
            insert.Parameters.AddWithValue("$a", action);
            insert.Parameters.AddWithValue("$m", automated ? 1 : 0);
            insert.Parameters.AddWithValue("$r", reasons);
            insert.Parameters.AddWithValue("$p", _last);
            insert.Parameters.AddWithValue("$h", hash);
            insert.ExecuteNonQuery();
            var record = new AuditRecord(sequence, time, item, action, automated, reasons, _last, hash);
            (_sequence, _last) = (sequence, hash);
            return record;
        }
    }

    /// <summary>The records about <paramref name="item"/>, in order.</summary>
    public IReadOnlyList<AuditRecord> For(string item)
    {
        using var query = _connection.CreateCommand();
        query.CommandText = "SELECT sequence, time, item, action, automated, reasons, previous, hash FROM records WHERE item = $i ORDER BY sequence";
        query.Parameters.AddWithValue("$i", item);
        return Read(query);
    }

    /// <summary>
    /// Walks the log at <paramref name="path"/> in order, recomputing each record's hash and its link to the one
    /// before: the number of records, the first that does not hold (null when all do) with why, and the head (the last
    /// record's sequence and hash). A chain checks itself but not its end: records deleted from the tail leave a shorter
    /// chain that holds. Given a head kept elsewhere (<paramref name="expectedHead"/>, as an earlier verification
    /// printed it), the log must still hold that record with that hash, which a deleted tail or a rewritten chain does not.
    /// </summary>
    public static AuditVerification Verify(string path, AuditHead? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no audit log there", path);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT sequence, time, item, action, automated, reasons, previous, hash FROM records ORDER BY sequence";
        var previous = Genesis;
        long expected = 1, count = 0;
        AuditVerification Broken(long sequence, string reason) => new(count, new AuditBreak(sequence, reason), new AuditHead(count, previous));
        foreach (var record in Read(query))
        {
            count++;
            if (record.Sequence != expected)
            {
                return Broken(expected, $"record {expected} is missing (the next is {record.Sequence})");
            }

            if (record.Previous != previous)
            {
                return Broken(record.Sequence, "its link to the record before does not match that record's hash");
            }

            if (HashOf(record.Sequence, record.Time, record.Item, record.Action, record.Automated, record.Reasons, record.Previous) != record.Hash)
            {
                return Broken(record.Sequence, "its contents do not match its hash: it was changed after it was written");
            }

            if (expectedHead is { } kept && kept.Sequence == record.Sequence && kept.Hash != record.Hash)
            {
                return Broken(record.Sequence, $"its hash is {record.Hash}, not the kept head's {kept.Hash}: the chain was rewritten from here or before");
            }

            previous = record.Hash;
            expected++;
        }

        if (expectedHead is { } head && head.Sequence > count)
        {
            return Broken(count + 1, $"the log ends at record {count}, but the kept head is record {head.Sequence}: records {count + 1} to {head.Sequence} were deleted");
        }

        return new AuditVerification(count, null, new AuditHead(count, previous));
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    // SHA-256 over the fields, each length-prefixed so no two records' fields can run together the same way.
    private static string HashOf(long sequence, string time, string item, string action, bool automated, string reasons, string previous)
    {
        var text = new StringBuilder();
        foreach (var field in new[] { sequence.ToString(CultureInfo.InvariantCulture), time, item, action, automated ? "1" : "0", reasons, previous })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static List<AuditRecord> Read(SqliteCommand query)
    {
        var records = new List<AuditRecord>();
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            records.Add(new AuditRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4) != 0,
                reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }

        return records;
    }
}

/// <summary>The first record of a log that does not hold, and why.</summary>
public sealed record AuditBreak(long Sequence, string Reason);

/// <summary>What <see cref="AuditLog.Verify"/> found: the records read, the first that does not hold, and the head.</summary>
/// <param name="Records">Records read up to the first break, or all of them.</param>
/// <param name="FirstBreak">The first record that does not hold, or null.</param>
/// <param name="Head">The last record that holds: its sequence and hash (sequence 0 and the genesis hash for an empty log).</param>
public sealed record AuditVerification(long Records, AuditBreak? FirstBreak, AuditHead Head);

/// <summary>The head of a log: the sequence and hash of its last record, written <c>SEQUENCE:HASH</c>, for keeping elsewhere.</summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    /// <summary>Reads <c>SEQUENCE:HASH</c>.</summary>
    public static bool TryParse(string? text, out AuditHead head)
    {
        head = new AuditHead(0, "");
        var parts = text?.Split(':', 2);
        if (parts is not [var sequence, var hash] || !long.TryParse(sequence, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number < 1 || hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        head = new AuditHead(number, hash);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Sequence}:{Hash}");
}
