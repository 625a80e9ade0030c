using System.Security.Cryptography;
using System.Text.Json;
using Selene.Moderation.Audit;
using Selene.Moderation.Classifiers;
using Selene.Moderation.Images;
using Selene.Moderation.Pdq;
using Selene.Moderation.Policy;
using Selene.Moderation.Review;

namespace Selene.Moderation.Filtering;

/// <summary>
/// The filter between generation and publication: an item is hashed (PDQ with its eight dihedral variants, so a
/// rotated or flipped copy of a banked item is still caught), its signals go through the policy, and the decision is
/// written to the audit log before anything else happens; only then is an allowed item published. An input that is
/// not a whole, sane image is quarantined (copied aside under its content hash), recorded with the reason, and never
/// published; nothing in it can stop the loop.
/// </summary>
public sealed class Moderator(PdqBank bank, ModerationPolicy policy, AuditLog audit, string? quarantineFolder = null, ReviewBacklog? reviews = null,
    IReadOnlyList<EncoderSignals>? classifiers = null)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Bits within which the nearest bank hash is reported as the bankDistance signal.</summary>
    public const int NearestWithin = 47;

    /// <summary>Moderates the image file at <paramref name="path"/> for <paramref name="tenant"/>.</summary>
    public ModerationOutcome Moderate(string path, string tenant = "default")
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var record = audit.Append(path, "reject", automated: true, JsonSerializer.Serialize(new { reason = $"cannot be read: {e.Message}" }, s_json));
            return new ModerationOutcome(path, null, null, $"cannot be read: {e.Message}", null, record.Sequence, Published: false);
        }

        return Moderate(bytes, path, tenant);
    }

    /// <summary>Moderates an image given as bytes (an upload, a generator's output), named <paramref name="item"/>.</summary>
    public ModerationOutcome Moderate(byte[] bytes, string item, string tenant = "default")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(item);
        var path = item;
        PdqResult hashed;
        var signals = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            var image = ImageInput.Load(bytes, item);
            hashed = PdqHasher.Hash(image, dihedral: true);
            foreach (var classifier in classifiers ?? [])
            {
                foreach (var (name, value) in classifier.Signals(image))
                {
                    signals[name] = value;
                }
            }
        }
        catch (ImageRejectedException e)
        {
            var quarantined = Quarantine(bytes, item);
            var record = audit.Append(path, "reject", automated: true, JsonSerializer.Serialize(new { reason = e.Reason, quarantined }, s_json));
            return new ModerationOutcome(path, null, null, e.Reason, quarantined, record.Sequence, Published: false);
        }

        signals["quality"] = hashed.Quality;
        var nearest = hashed.Dihedral!.All.SelectMany(h => bank.Match(h, NearestWithin)).OrderBy(m => m.Distance).FirstOrDefault();
        if (nearest is not null)
        {
            signals["bankDistance"] = nearest.Distance;
        }

        var decision = policy.Decide(tenant, signals);
        var reasons = JsonSerializer.Serialize(new { hash = hashed.Hash.ToString(), quality = hashed.Quality, tenant, nearest = nearest?.Label, signals, decision.Rule, decision.Label, rules = decision.Reasons }, s_json);
        var written = audit.Append(path, Name(decision.Action), decision.Automated, reasons);
        // Published only once its decision is on record.
        var published = decision.Action is ModerationAction.Allow or ModerationAction.AllowWithLabel;
        var queued = decision.Action == ModerationAction.Review ? reviews?.Enqueue(path, hashed.Hash, decision, written.Sequence) : null;
        return new ModerationOutcome(path, hashed, decision, null, null, written.Sequence, published) { Review = queued };
    }

    /// <summary>The action's name in the log and on the command line.</summary>
    public static string Name(ModerationAction action) => action switch
    {
        ModerationAction.Allow => "allow",
        ModerationAction.AllowWithLabel => "allowWithLabel",
        ModerationAction.Review => "review",
        _ => "block",
    };

    private string? Quarantine(byte[] bytes, string item)
    {
        if (quarantineFolder is null)
        {
            return null;
        }

        Directory.CreateDirectory(quarantineFolder);
        var name = string.Concat(Path.GetFileName(item).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        var target = Path.Combine(quarantineFolder, $"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}-{name}");
        File.WriteAllBytes(target, bytes);
        return target;
    }
}

/// <summary>What became of an item.</summary>
/// <param name="Item">The item.</param>
/// <param name="Hash">Its hashes, when it was an image.</param>
/// <param name="Decision">The decision, when it was an image.</param>
/// <param name="Rejected">Why it was not an image Selene decodes, when it was not.</param>
/// <param name="Quarantined">Where the rejected input was put aside.</param>
/// <param name="AuditSequence">Its record in the audit log.</param>
/// <param name="Published">Whether it was published.</param>
public sealed record ModerationOutcome(string Item, PdqResult? Hash, Decision? Decision, string? Rejected, string? Quarantined, long AuditSequence, bool Published)
{
    /// <summary>Its place in the review queue, when it was sent there.</summary>
    public ReviewItem? Review { get; init; }
}
