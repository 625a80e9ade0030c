namespace Selene.Moderation.Audit;

/// <summary>One decision as recorded: what, about which item, by whom or what, why, and its place in the chain.</summary>
/// <param name="Sequence">Position in the log, from 1.</param>
/// <param name="Time">When it was recorded, ISO 8601 UTC.</param>
/// <param name="Item">The item decided on (a file, a generation id).</param>
/// <param name="Action">allow, block, review, allowWithLabel, reject (not an image) or publish.</param>
/// <param name="Automated">Whether a rule decided it, rather than a person.</param>
/// <param name="Reasons">The statement of reasons, as JSON: signals, scores, thresholds, rule.</param>
/// <param name="Previous">The previous record's hash (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 of this record's fields and <paramref name="Previous"/>.</param>
public sealed record AuditRecord(long Sequence, string Time, string Item, string Action, bool Automated, string Reasons, string Previous, string Hash);
