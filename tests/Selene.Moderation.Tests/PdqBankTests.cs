using Selene.Moderation.Pdq;

namespace Selene.Moderation.Tests;

public class PdqBankTests
{
    private static readonly string Reference = Selene.Testing.RepositoryPaths.PdqReference;

    [Theory]
    [InlineData(31)]
    [InlineData(10)]
    [InlineData(47)]
    public void The_index_finds_exactly_what_a_search_of_every_hash_finds(int threshold)
    {
        var random = new Random(17);
        var bank = Enumerable.Range(0, 20_000).Select(_ => Random(random)).ToList();
        // Near copies of some, at every distance from 0 to 60, so the threshold cuts through them.
        var queries = Enumerable.Range(0, 300).Select(i => Flip(bank[random.Next(bank.Count)], i % 61, random)).Concat(Enumerable.Range(0, 50).Select(_ => Random(random))).ToList();
        var index = PdqBank.Of(bank);

        var batch = index.MatchBatch(queries, threshold);
        for (var q = 0; q < queries.Count; q++)
        {
            var query = queries[q];
            var expected = bank.Select((h, i) => (i, d: query.DistanceTo(h))).Where(p => p.d <= threshold).OrderBy(p => p.d).ThenBy(p => p.i).ToList();
            Assert.Equal(expected, index.Match(query, threshold).Select(m => (m.Index, m.Distance)));
            Assert.Equal(expected, batch[q].Select(m => (m.Index, m.Distance)));
        }
    }

    [Fact]
    public void Rotated_and_flipped_copies_match_their_original_through_its_dihedral_hashes()
    {
        // reg-test-input/dih: the bridge photo and seven transforms of it (ThreatExchange's PDQ test data).
        var folder = Path.Combine(Reference, "reg-test-input", "dih");
        var original = PdqHasher.HashFile(Path.Combine(folder, "bridge-1-original.jpg"), dihedral: true).Dihedral!;
        var bank = PdqBank.Of(original.All);
        var copies = Directory.GetFiles(folder, "*.jpg").Where(f => !f.EndsWith("bridge-1-original.jpg", StringComparison.Ordinal)).ToList();

        Assert.Equal(7, copies.Count);
        foreach (var copy in copies)
        {
            var hash = PdqHasher.HashFile(copy).Hash;
            var match = Assert.Single(bank.Match(hash));
            Assert.True(match.Distance <= 31, $"{Path.GetFileName(copy)}: {match.Distance}");
            // Without the dihedral hashes, the plain original does not catch a rotated copy.
            if (match.Index != 0)
            {
                Assert.True(hash.DistanceTo(original.Original) > 31, Path.GetFileName(copy));
            }
        }
    }

    [Fact]
    public void Hashes_added_later_are_found_at_once_and_after_a_rebuild()
    {
        var random = new Random(3);
        var bank = PdqBank.Of(Enumerable.Range(0, 1000).Select(_ => Random(random)));
        var added = Random(random);

        bank.Add(added, "confirmed");
        Assert.Equal("confirmed", Assert.Single(bank.Match(Flip(added, 5, random))).Label);
        bank.Rebuild();
        Assert.Equal((1000, "confirmed"), (Assert.Single(bank.Match(added)).Index, bank.Match(added)[0].Label));
        Assert.Equal(1001, bank.Count);
    }

    [Fact]
    public void A_bank_file_line_that_is_not_a_hash_is_named()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# known items\n" + new string('a', 64) + "\tlabel one\n\nnot-a-hash\n");
            var error = Assert.Throws<FormatException>(() => PdqBank.Load(path));
            Assert.StartsWith($"{path}:4:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static PdqHash Random(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return new(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]), BitConverter.ToUInt64(bytes[16..]), BitConverter.ToUInt64(bytes[24..]));
    }

    private static PdqHash Flip(PdqHash hash, int bits, Random random)
    {
        Span<bool> set = stackalloc bool[256];
        for (var k = 0; k < 256; k++)
        {
            set[k] = hash[k];
        }

        foreach (var k in Enumerable.Range(0, 256).OrderBy(_ => random.Next()).Take(bits))
        {
            set[k] = !set[k];
        }

        return PdqHash.FromBits(set);
    }
}
