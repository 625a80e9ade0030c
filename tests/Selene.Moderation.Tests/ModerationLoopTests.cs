using Microsoft.Data.Sqlite;
using Selene.Moderation.Audit;
using Selene.Moderation.Filtering;
using Selene.Moderation.Generation;
using Selene.Moderation.Images;
using Selene.Moderation.Pdq;
using Selene.Moderation.Policy;

namespace Selene.Moderation.Tests;

public sealed class ModerationLoopTests : IDisposable
{
    private static readonly string Reference = Selene.Testing.RepositoryPaths.PdqReference;
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-loop-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Known_copies_are_blocked_broken_outputs_rejected_and_nothing_is_published_without_its_record()
    {
        // Two known items (in the bank with their dihedral hashes); a tenth of the output copies them, turned,
        // flipped, resized or softened, and one in twenty-five comes out cut off.
        var known = new[] { "misc-images/c.png", "bridge-mods/aaa-orig.jpg" }.Select(f => ImageInput.Load(Path.Combine(Reference, f)))
            // At 800 px wide; at 400, a half-size copy (200 px) drifts past 31 bits: small images hash less steadily.
            .Select(k => SkiaPixels.Resize(k, 800, k.Height * 800 / k.Width)).ToList();
        var bank = PdqBank.Of(known.SelectMany(k => PdqHasher.Hash(k, dihedral: true).Dihedral!.All));
        var auditPath = Path.Combine(_folder, "audit.db");
        using var audit = AuditLog.Open(auditPath);
        var moderator = new Moderator(bank, ModerationPolicy.Default, audit, Path.Combine(_folder, "quarantine"));
        var loop = new ModerationLoop(new SyntheticGenerator(known, knownShare: 0.1, brokenShare: 0.04, seed: 7), moderator);

        var report = loop.Run(1, 250);

        Assert.True(report.ByKind.GetValueOrDefault((GeneratedKind.KnownCopy, "block")) >= 15, Describe(report));
        Assert.Equal(0, report.ByKind.Where(k => k.Key.Kind == GeneratedKind.KnownCopy && k.Key.Action != "block").Sum(k => k.Value));
        Assert.Equal(report.ByKind.Where(k => k.Key.Kind == GeneratedKind.Broken).Sum(k => k.Value), report.ByKind.GetValueOrDefault((GeneratedKind.Broken, "reject")));
        Assert.True(report.ByKind.GetValueOrDefault((GeneratedKind.Broken, "reject")) >= 3, Describe(report));
        // New pictures go out (a few may be held for review), none is taken for a known item.
        Assert.Equal(0, report.ByKind.GetValueOrDefault((GeneratedKind.New, "block")));
        Assert.Equal(250, report.Actions.Values.Sum());
        Assert.All(report.Published, name => Assert.Contains(audit.For(name), r => r.Action is "allow" or "allowWithLabel"));
        Assert.Equal((250L, (AuditBreak?)null), (AuditLog.Verify(auditPath).Records, AuditLog.Verify(auditPath).FirstBreak));
    }

    private static string Describe(LoopReport report) => string.Join(", ", report.ByKind.Select(k => $"{k.Key.Kind}/{k.Key.Action}: {k.Value}"));
}
