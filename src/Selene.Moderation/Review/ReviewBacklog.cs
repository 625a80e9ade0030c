using System.Text.Json;
using Selene.Moderation.Audit;
using Selene.Moderation.Pdq;
using Selene.Moderation.Policy;

namespace Selene.Moderation.Review;

/// <summary>
/// Items the policy sent to people: each waits with a deadline until a reviewer allows or blocks it. The reviewer's
/// decision is written to the audit log (as not automated, naming the reviewer) before it takes effect, and a blocked
/// item's hash joins the bank, so copies of it are caught without a person from then on.
/// </summary>
public sealed class ReviewBacklog(AuditLog audit, PdqBank bank, TimeProvider? time = null)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly SortedDictionary<long, ReviewItem> _pending = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private long _nextId;

    /// <summary>How long an item may wait for a reviewer.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Puts an item in the queue.</summary>
    public ReviewItem Enqueue(string item, PdqHash hash, Decision decision, long auditSequence)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var queued = new ReviewItem(++_nextId, item, hash.ToString(), now, now + Deadline, decision.Rule, auditSequence);
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
        var record = audit.Append(item.Item, action == ModerationAction.Block ? "block" : "allow", automated: false,
            JsonSerializer.Serialize(new { reviewer, note, reviewItem = id, queuedBy = item.Rule, queuedRecord = item.AuditSequence, afterDeadline = late, hash = item.Hash }, s_json));
        if (action == ModerationAction.Block)
        {
            bank.Add(PdqHash.Parse(item.Hash), $"confirmed by {reviewer} (audit record {record.Sequence})");
        }

        return record;
    }
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
