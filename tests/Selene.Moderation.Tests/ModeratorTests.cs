using Microsoft.Data.Sqlite;
using Selene.Core.Errors;
using Selene.Moderation.Audit;
using Selene.Moderation.Filtering;
using Selene.Moderation.Pdq;
using Selene.Moderation.Policy;
using Selene.Moderation.Review;

namespace Selene.Moderation.Tests;

public sealed class ModeratorTests : IDisposable
{
    private static readonly string Reference = Selene.Testing.RepositoryPaths.PdqReference;
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-moderate-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_banked_image_and_its_rotated_copy_are_blocked_others_published_and_every_decision_recorded_first()
    {
        var original = Path.Combine(Reference, "reg-test-input", "dih", "bridge-1-original.jpg");
        var bank = PdqBank.Load(WriteBank(PdqHasher.HashFile(original).Hash + "\tconfirmed abuse #17\n"));
        using var audit = AuditLog.Open(Path.Combine(_folder, "audit.db"));
        var moderator = new Moderator(bank, ModerationPolicy.Default, audit, Path.Combine(_folder, "quarantine"));

        var blocked = moderator.Moderate(Path.Combine(Reference, "reg-test-input", "dih", "bridge-2-rotate-90.jpg"));
        var allowed = moderator.Moderate(Path.Combine(Reference, "misc-images", "c.png"));
        var review = moderator.Moderate(Path.Combine(Reference, "generated", "gen-gradient-512x512.png"));

        Assert.Equal((ModerationAction.Block, "known-item", false), (blocked.Decision!.Action, blocked.Decision.Rule, blocked.Published));
        Assert.Equal((ModerationAction.Allow, true), (allowed.Decision!.Action, allowed.Published));
        // Quality 12: PDQ cannot vouch for it, so a person looks.
        Assert.Equal((ModerationAction.Review, "unmatchable", false), (review.Decision!.Action, review.Decision.Rule, review.Published));
        var record = Assert.Single(audit.For(blocked.Item));
        Assert.Contains("confirmed abuse #17", record.Reasons, StringComparison.Ordinal);
        Assert.Contains("\"held\":true", record.Reasons, StringComparison.Ordinal);
        var verified = AuditLog.Verify(Path.Combine(_folder, "audit.db"));
        Assert.Equal((3L, (AuditBreak?)null), (verified.Records, verified.FirstBreak));
    }

    [Fact]
    public void Inputs_that_are_not_images_are_rejected_quarantined_recorded_and_never_published_and_the_loop_goes_on()
    {
        using var audit = AuditLog.Open(Path.Combine(_folder, "audit.db"));
        var moderator = new Moderator(PdqBank.Of([]), ModerationPolicy.Default, audit, Path.Combine(_folder, "quarantine"));
        var bad = new[] { ("notes.txt", "hello"u8.ToArray()), ("half.jpg", File.ReadAllBytes(Path.Combine(Reference, "bridge-mods", "square-512x512.jpg"))[..5000]), ("empty.png", Array.Empty<byte>()) };
        var outcomes = bad.Select(b =>
        {
            var path = Path.Combine(_folder, b.Item1);
            File.WriteAllBytes(path, b.Item2);
            return moderator.Moderate(path);
        }).ToList();
        var good = moderator.Moderate(Path.Combine(Reference, "misc-images", "c.png"));

        Assert.All(outcomes, o => Assert.True(o.Rejected is not null && !o.Published && File.Exists(o.Quarantined), o.Item));
        Assert.All(outcomes, o => Assert.Equal("reject", Assert.Single(audit.For(o.Item)).Action));
        Assert.True(good.Published);
    }

    [Fact]
    public void A_tenants_own_rules_decide_with_a_statement_of_reasons()
    {
        var policy = ModerationPolicy.Parse("""
            tenants:
              imagine:
                rules:
                  - {name: known, signal: bankDistance, atMost: 20, action: block}
                  - {name: synthetic, signal: generated, atLeast: 0.9, action: allowWithLabel, label: AI-generated}
                otherwise: review
            """, "policy.yaml");

        var decision = policy.Decide("imagine", new Dictionary<string, double> { ["generated"] = 0.97 });
        var other = policy.Decide("chat", new Dictionary<string, double> { ["generated"] = 0.97 });

        Assert.Equal((ModerationAction.AllowWithLabel, "AI-generated", "synthetic"), (decision.Action, decision.Label, decision.Rule));
        Assert.Equal([new RuleEvaluation("known", "bankDistance", null, "atMost", 20, false), new RuleEvaluation("synthetic", "generated", 0.97, "atLeast", 0.9, true)], decision.Reasons);
        Assert.Equal(ModerationAction.Allow, other.Action);
    }

    [Theory]
    [InlineData("tenants:\n  a:\n    rules:\n      - {name: x, signal: quality, below: 50, action: delete}\n", 4, "action")]
    [InlineData("tenants:\n  a:\n    rules:\n      - {name: x, signal: quality, action: block}\n", 4, "tenants.a.rules[0]")]
    [InlineData("tenants:\n  a:\n    rules:\n      - {name: x, signal: quality, below: lots, action: block}\n", 4, "below")]
    [InlineData("tenants:\n  a:\n    otherwise: shrug\n", 3, "otherwise")]
    [InlineData("tenants:\n  a:\n    rules:\n      - {name: x, signal: q, above: 1, action: allowWithLabel}\n", 4, "label")]
    public void A_bad_policy_is_reported_with_its_line_and_field(string yaml, int line, string field)
    {
        var error = Assert.Throws<InputException>(() => ModerationPolicy.Parse(yaml, "policy.yaml"));
        Assert.Contains(error.Errors, e => e.File == "policy.yaml" && e.Line == line && e.Field.EndsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Items_waiting_for_review_and_what_reviewers_blocked_survive_a_restart()
    {
        var database = Path.Combine(_folder, "moderation.db");
        var gradient = Path.Combine(Reference, "generated", "gen-gradient-512x512.png");
        long first;
        using (var audit = AuditLog.Open(database))
        using (var backlog = ReviewBacklog.Open(database, audit, PdqBank.Of([])))
        {
            var moderator = new Moderator(PdqBank.Of([]), ModerationPolicy.Default, audit, reviews: backlog);
            first = moderator.Moderate(gradient).Review!.Id;
            moderator.Moderate(Path.Combine(Reference, "generated", "gen-gradient-512x512.png"));
        }

        SqliteConnection.ClearAllPools();
        var bank = PdqBank.Of([]);
        using (var audit = AuditLog.Open(database))
        using (var backlog = ReviewBacklog.Open(database, audit, bank))
        {
            Assert.Equal(2, backlog.Pending().Count);
            backlog.Decide(first, "ana", ModerationAction.Block);
        }

        SqliteConnection.ClearAllPools();
        var reopened = PdqBank.Of([]);
        using (var audit = AuditLog.Open(database))
        using (var backlog = ReviewBacklog.Open(database, audit, reopened))
        {
            Assert.Equal(first + 1, Assert.Single(backlog.Pending()).Id);
            Assert.Equal(0, Assert.Single(reopened.Match(PdqHasher.HashFile(gradient).Hash)).Distance);
        }
    }

    private string WriteBank(string text)
    {
        var path = Path.Combine(_folder, "bank.txt");
        File.WriteAllText(path, text);
        return path;
    }
}
