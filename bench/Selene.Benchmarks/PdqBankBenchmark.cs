using System.Diagnostics;
using System.Globalization;
using Selene.Moderation.Pdq;

namespace Selene.Benchmarks;

/// <summary>
/// Lookups at the match threshold (31 bits) against a bank of uniformly random hashes, half the queries near copies
/// of bank hashes (0–31 bits away), half unrelated; on one thread and on every core.
/// </summary>
public static class PdqBankBenchmark
{
    public static string Run(int bankSize, int queries)
    {
        var random = new Random(1);
        var bytes = new byte[32];
        PdqHash Next()
        {
            random.NextBytes(bytes);
            return new PdqHash(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes, 8), BitConverter.ToUInt64(bytes, 16), BitConverter.ToUInt64(bytes, 24));
        }

        var hashes = new PdqHash[bankSize];
        for (var i = 0; i < bankSize; i++)
        {
            hashes[i] = Next();
        }

        var clock = Stopwatch.StartNew();
        var bank = PdqBank.Of(hashes);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var probes = new PdqHash[queries];
        for (var q = 0; q < queries; q++)
        {
            if (q % 2 == 0)
            {
                var h = hashes[random.Next(bankSize)];
                var flip = random.Next(32);
                var words = new[] { h.Bits0, h.Bits1, h.Bits2, h.Bits3 };
                for (var f = 0; f < flip; f++)
                {
                    var bit = random.Next(256);
                    words[bit >> 6] ^= 1UL << (bit & 63);
                }

                probes[q] = new PdqHash(words[0], words[1], words[2], words[3]);
            }
            else
            {
                probes[q] = Next();
            }
        }

        bank.Match(probes[0]);
        clock.Restart();
        var found = 0;
        foreach (var probe in probes)
        {
            found += bank.Match(probe).Count;
        }

        var single = queries / clock.Elapsed.TotalSeconds;
        clock.Restart();
        var parallelFound = 0;
        Parallel.ForEach(probes, () => 0, (probe, _, count) => count + bank.Match(probe).Count, count => Interlocked.Add(ref parallelFound, count));
        var parallel = queries / clock.Elapsed.TotalSeconds;
        clock.Restart();
        var batched = bank.MatchBatch(probes);
        var batchRate = queries / clock.Elapsed.TotalSeconds;
        var batchFound = batched.Sum(m => m.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"pdq-bank hashes={bankSize} queries={queries} build_seconds={buildSeconds:0.0} lookups_per_second_one_thread={single:0} lookups_per_second_{Environment.ProcessorCount}_threads={parallel:0} batched_lookups_per_second_one_thread={batchRate:0} matches={found} same={found == parallelFound && found == batchFound} working_set_mib={Environment.WorkingSet / 1048576}");
    }
}
