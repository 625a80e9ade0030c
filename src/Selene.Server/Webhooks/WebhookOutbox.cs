using System.Security.Cryptography;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Data.Sqlite;
using Selene.Simulation.Webhooks;

namespace Selene.Server.Webhooks;

/// <summary>
/// The durable side of outbound webhooks, in SQLite: subscriptions, events (CloudEvents in structured JSON) and
/// one delivery row per event and subscriber, written in the same transaction as the event — before any attempt —
/// so a crash loses nothing. Deliveries are pending until acknowledged, then delivered; after
/// <see cref="DeliveryPolicy.MaxAttempts"/> failures they are dead letters, which can be replayed.
/// </summary>
public sealed class WebhookOutbox : IDisposable
{
    private const int Pending = 0;
    private const int Delivered = 1;
    private const int Dead = 2;

    private static readonly JsonEventFormatter s_formatter = new();
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens (creating when missing) the outbox database at <paramref name="path"/>.</summary>
    public WebhookOutbox(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS subscriptions(id TEXT PRIMARY KEY, url TEXT NOT NULL, filter TEXT NOT NULL, secret TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, body BLOB NOT NULL, created_ms INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS deliveries(event_seq INTEGER NOT NULL, subscription_id TEXT NOT NULL, state INTEGER NOT NULL,
                attempts INTEGER NOT NULL, next_ms INTEGER NOT NULL, last_error TEXT, done_ms INTEGER, PRIMARY KEY(event_seq, subscription_id));
            CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(state, next_ms);
            CREATE TABLE IF NOT EXISTS inbound(id TEXT PRIMARY KEY, received_ms INTEGER NOT NULL, body BLOB NOT NULL);
            """);
    }

    /// <summary>Adds a subscriber with a fresh signing secret.</summary>
    public WebhookSubscription Subscribe(Uri url, string filter)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(filter);
        var subscription = new WebhookSubscription(
            Guid.CreateVersion7().ToString("n"), url, filter, "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        lock (_gate)
        {
            Execute("INSERT INTO subscriptions(id, url, filter, secret) VALUES ($id, $url, $filter, $secret)",
                ("$id", subscription.Id), ("$url", url.ToString()), ("$filter", filter), ("$secret", subscription.Secret));
        }

        return subscription;
    }

    /// <summary>Removes a subscriber and its undelivered deliveries; false when there was none.</summary>
    public bool Unsubscribe(string id)
    {
        lock (_gate)
        {
            Execute("DELETE FROM deliveries WHERE subscription_id = $id AND state <> 1", ("$id", id));
            return Execute("DELETE FROM subscriptions WHERE id = $id", ("$id", id)) > 0;
        }
    }

    /// <summary>Every subscriber.</summary>
    public IReadOnlyList<WebhookSubscription> Subscriptions()
    {
        lock (_gate)
        {
            using var command = Command("SELECT id, url, filter, secret FROM subscriptions ORDER BY id");
            using var reader = command.ExecuteReader();
            var list = new List<WebhookSubscription>();
            while (reader.Read())
            {
                list.Add(new WebhookSubscription(reader.GetString(0), new Uri(reader.GetString(1)), reader.GetString(2), reader.GetString(3)));
            }

            return list;
        }
    }

    /// <summary>
    /// Stores events and a pending delivery for each subscriber that wants them, in one transaction. An event
    /// whose id is already stored is skipped (its id is the idempotency key). Returns how many were new.
    /// </summary>
    public int Enqueue(IEnumerable<CloudEvent> events, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_gate)
        {
            var subscriptions = Subscriptions();
            using var transaction = _connection.BeginTransaction();
            using var insertEvent = Command("INSERT OR IGNORE INTO events(id, type, body, created_ms) VALUES ($id, $type, $body, $now) RETURNING seq");
            using var insertDelivery = Command("INSERT INTO deliveries(event_seq, subscription_id, state, attempts, next_ms) VALUES ($seq, $sub, 0, 0, $now)");
            var added = 0;
            foreach (var cloudEvent in events)
            {
                cloudEvent.Validate();
                var body = s_formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
                insertEvent.Parameters.Clear();
                insertEvent.Parameters.AddWithValue("$id", cloudEvent.Id);
                insertEvent.Parameters.AddWithValue("$type", cloudEvent.Type);
                insertEvent.Parameters.AddWithValue("$body", body);
                insertEvent.Parameters.AddWithValue("$now", nowMs);
                if (insertEvent.ExecuteScalar() is not long seq)
                {
                    continue;
                }

                added++;
                foreach (var subscription in subscriptions.Where(s => s.Wants(cloudEvent.Type!)))
                {
                    insertDelivery.Parameters.Clear();
                    insertDelivery.Parameters.AddWithValue("$seq", seq);
                    insertDelivery.Parameters.AddWithValue("$sub", subscription.Id);
                    insertDelivery.Parameters.AddWithValue("$now", nowMs);
                    insertDelivery.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return added;
        }
    }

    /// <summary>Pending deliveries whose next attempt is due, oldest first.</summary>
    public IReadOnlyList<PendingDelivery> Due(long nowMs, int limit)
    {
        lock (_gate)
        {
            var subscriptions = Subscriptions().ToDictionary(s => s.Id, StringComparer.Ordinal);
            using var command = Command("""
                SELECT d.event_seq, e.id, e.body, d.subscription_id, d.attempts FROM deliveries d JOIN events e ON e.seq = d.event_seq
                WHERE d.state = 0 AND d.next_ms <= $now ORDER BY d.next_ms, d.event_seq LIMIT $limit
                """, ("$now", nowMs), ("$limit", limit));
            using var reader = command.ExecuteReader();
            var due = new List<PendingDelivery>();
            while (reader.Read())
            {
                if (subscriptions.TryGetValue(reader.GetString(3), out var subscription))
                {
                    due.Add(new PendingDelivery(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2), subscription, reader.GetInt32(4)));
                }
            }

            return due;
        }
    }

    /// <summary>The earliest time a pending delivery is due, or null when none is pending.</summary>
    public long? NextDueMs()
    {
        lock (_gate)
        {
            using var command = Command("SELECT MIN(next_ms) FROM deliveries WHERE state = 0");
            return command.ExecuteScalar() is long next ? next : null;
        }
    }

    /// <summary>Records the outcomes of a batch of attempts in one transaction.</summary>
    /// <param name="outcomes">Per delivery: acknowledged, or the error and when to try again.</param>
    /// <param name="nowMs">Now, in Unix milliseconds.</param>
    public void Record(IEnumerable<(PendingDelivery Delivery, bool Acknowledged, string? Error, long NextMs)> outcomes, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var update = Command("UPDATE deliveries SET state = $state, attempts = $attempts, next_ms = $next, last_error = $error, done_ms = $done WHERE event_seq = $seq AND subscription_id = $sub");
            foreach (var (delivery, acknowledged, error, nextMs) in outcomes)
            {
                var attempts = delivery.Attempts + 1;
                var state = acknowledged ? Delivered : attempts >= DeliveryPolicy.MaxAttempts ? Dead : Pending;
                update.Parameters.Clear();
                update.Parameters.AddWithValue("$state", state);
                update.Parameters.AddWithValue("$attempts", attempts);
                update.Parameters.AddWithValue("$next", nextMs);
                update.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
                update.Parameters.AddWithValue("$done", state == Pending ? DBNull.Value : nowMs);
                update.Parameters.AddWithValue("$seq", delivery.EventSequence);
                update.Parameters.AddWithValue("$sub", delivery.Subscription.Id);
                update.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Dead letters: event id, subscriber, attempts and the last error.</summary>
    public IReadOnlyList<(string EventId, string SubscriptionId, int Attempts, string? LastError)> DeadLetters()
    {
        lock (_gate)
        {
            using var command = Command("SELECT e.id, d.subscription_id, d.attempts, d.last_error FROM deliveries d JOIN events e ON e.seq = d.event_seq WHERE d.state = 2 ORDER BY d.event_seq");
            using var reader = command.ExecuteReader();
            var list = new List<(string, string, int, string?)>();
            while (reader.Read())
            {
                list.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            return list;
        }
    }

    /// <summary>Sends dead letters again from the start: returns how many were replayed.</summary>
    public int ReplayDeadLetters(long nowMs)
    {
        lock (_gate)
        {
            return Execute("UPDATE deliveries SET state = 0, attempts = 0, next_ms = $now, done_ms = NULL WHERE state = 2", ("$now", nowMs));
        }
    }

    /// <summary>Deliveries by state: pending, delivered, dead.</summary>
    public (long Pending, long Delivered, long Dead) Counts()
    {
        lock (_gate)
        {
            using var command = Command("SELECT SUM(state = 0), SUM(state = 1), SUM(state = 2) FROM deliveries");
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
        }
    }

    /// <summary>Records an inbound message id; false when it was seen before (a replay).</summary>
    public bool RecordInbound(string id, byte[] body, long nowMs)
    {
        lock (_gate)
        {
            return Execute("INSERT OR IGNORE INTO inbound(id, received_ms, body) VALUES ($id, $now, $body)", ("$id", id), ("$now", nowMs), ("$body", body)) > 0;
        }
    }

    /// <summary>How many inbound messages were recorded.</summary>
    public long InboundCount()
    {
        lock (_gate)
        {
            using var command = Command("SELECT COUNT(*) FROM inbound");
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }
}
