using System.Text.Json;
using Microsoft.Data.Sqlite;
using Selene.Moderation.Audit;
using Selene.Moderation.Pdq;
using Selene.Moderation.Policy;

namespace Selene.Moderation.Review;

/// <summary>
/// Items the policy sent to people: each waits with a deadline until a reviewer allows or blocks it. The reviewer's
/// decision is written to the audit log (as not automated, naming the reviewer) before it takes effect, and a blocked
/// item's hash joins the bank, so copies of it are caught without a person from then on. With a database, the items
/// waiting are kept there too, and a backlog opened on it again finds them.
/// </summary>
public sealed class ReviewBacklog : IDisposable
{
    private const int Allowed = 1;
    private const int Blocked = 2;
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly SortedDictionary<long, ReviewItem> _pending = [];
    private readonly AuditLog _audit;
    private readonly PdqBank _bank;
    private readonly TimeProvider _time;
    private readonly SqliteConnection? _store;
    private readonly Lock _gate = new();
    private long _nextId;

    /// <summary>A backlog kept in memory only.</summary>
    public ReviewBacklog(AuditLog audit, PdqBank bank, TimeProvider? time = null)
    {
        (_audit, _bank, _time) = (audit, bank, time ?? TimeProvider.System);
    }

    private ReviewBacklog(AuditLog audit, PdqBank bank, TimeProvider? time, SqliteConnection store)
        : this(audit, bank, time)
    {
        _store = store;
        using var read = store.CreateCommand();
        read.CommandText = "SELECT id, item, hash, queued, deadline, rule, audit FROM reviews WHERE decided = 0 ORDER BY id";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var item = new ReviewItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6));
            _pending[item.Id] = item;
        }

        // What reviewers blocked before stays in the bank.
        using var blocked = store.CreateCommand();
        blocked.CommandText = $"SELECT id, hash FROM reviews WHERE decided = {Blocked} ORDER BY id";
        using (var rows = blocked.ExecuteReader())
        {
            while (rows.Read())
            {
                bank.Add(PdqHash.Parse(rows.GetString(1)), $"confirmed by a reviewer (review item {rows.GetInt64(0)})");
            }
        }

        using var last = store.CreateCommand();
        last.CommandText = "SELECT COALESCE(MAX(id), 0) FROM reviews";
        _nextId = (long)last.ExecuteScalar()!;
    }

    /// <summary>A backlog kept in the SQLite file at <paramref name="path"/> (the audit log's own file will do).</summary>
    public static ReviewBacklog Open(string path, AuditLog audit, PdqBank bank, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var store = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        store.Open();
        using var schema = store.CreateCommand();
        schema.CommandText = "CREATE TABLE IF NOT EXISTS reviews (id INTEGER PRIMARY KEY, item TEXT NOT NULL, hash TEXT NOT NULL, queued TEXT NOT NULL, deadline TEXT NOT NULL, rule TEXT, audit INTEGER NOT NULL, decided INTEGER NOT NULL DEFAULT 0)";
        schema.ExecuteNonQuery();
        return new ReviewBacklog(audit, bank, time, store);
    }

    /// <summary>How long an item may wait for a reviewer.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Puts an item in the queue.</summary>
    public ReviewItem Enqueue(string item, PdqHash hash, Decision decision, long auditSequence)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var queued = new ReviewItem(++_nextId, item, hash.ToString(), now, now + Deadline, decision.Rule, auditSequence);
            if (_store is not null)
            {
                using var insert = _store.CreateCommand();
                insert.CommandText = "INSERT INTO reviews (id, item, hash, queued, deadline, rule, audit) VALUES ($id, $item, $hash, $queued, $deadline, $rule, $audit)";
                insert.Parameters.AddWithValue("$id", queued.Id);
                insert.Parameters.AddWithValue("$item", queued.Item);
                insert.Parameters.AddWithValue("$hash", queued.Hash);
                insert.Parameters.AddWithValue("$queued", queued.Queued.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$deadline", queued.Deadline.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$rule", (object?)queued.Rule ?? DBNull.Value);
                insert.Parameters.AddWithValue("$audit", queued.AuditSequence);
                insert.ExecuteNonQuery();
            }

            _pending[queued.Id] = queued;
            return queued;
        }
    }

    /// <summary>The items waiting, oldest first.</summary>
    public IReadOnlyList<ReviewItem> Pending()
    {
        lock (_gate)
        {
            return [.. _pending.Values];
        }
    }

    /// <summary>The items past their deadline.</summary>
    public IReadOnlyList<ReviewItem> Overdue()
    {
        var now = _time.GetUtcNow();
        return [.. Pending().Where(i => i.Deadline < now)];
    }

    /// <summary>A reviewer's decision on item <paramref name="id"/>: recorded, then acted on.</summary>
    /// <exception cref="KeyNotFoundException">No such item is waiting.</exception>
    /// <exception cref="ArgumentException">The action is not allow or block, or no reviewer is named.</exception>
    public AuditRecord Decide(long id, string reviewer, ModerationAction action, string? note = null)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new ArgumentException("a decision names its reviewer", nameof(reviewer));
        }

        if (action is not (ModerationAction.Allow or ModerationAction.Block))
        {
            throw new ArgumentException("a reviewer allows or blocks", nameof(action));
        }

        ReviewItem item;
        lock (_gate)
        {
            if (!_pending.Remove(id, out item!))
            {
                throw new KeyNotFoundException($"no review item {id} is waiting");
            }
        }

        var late = _time.GetUtcNow() > item.Deadline;
        var record = _audit.Append(item.Item, action == ModerationAction.Block ? "block" : "allow", automated: false,
            JsonSerializer.Serialize(new { reviewer, note, reviewItem = id, queuedBy = item.Rule, queuedRecord = item.AuditSequence, afterDeadline = late, hash = item.Hash }, s_json));
        if (action == ModerationAction.Block)
        {
            _bank.Add(PdqHash.Parse(item.Hash), $"confirmed by {reviewer} (audit record {record.Sequence})");
        }

        if (_store is not null)
        {
            using var decided = _store.CreateCommand();
            decided.CommandText = "UPDATE reviews SET decided = $how WHERE id = $id";
            decided.Parameters.AddWithValue("$id", id);
            decided.Parameters.AddWithValue("$how", action == ModerationAction.Block ? Blocked : Allowed);
            decided.ExecuteNonQuery();
        }

        return record;
    }

    /// <inheritdoc />
    public void Dispose() => _store?.Dispose();
}

/// <summary>An item waiting for a reviewer.</summary>
/// <param name="Id">Its number in the queue.</param>
/// <param name="Item">The item.</param>
/// <param name="Hash">Its PDQ hash.</param>
/// <param name="Queued">When it was queued.</param>
/// <param name="Deadline">When a reviewer should have decided by.</param>
/// <param name="Rule">The rule that sent it to review.</param>
/// <param name="AuditSequence">The audit record of that automated decision.</param>
public sealed record ReviewItem(long Id, string Item, string Hash, DateTimeOffset Queued, DateTimeOffset Deadline, string? Rule, long AuditSequence);
