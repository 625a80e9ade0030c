using Selene.Simulation.Randomness;

namespace Selene.Simulation.Tests.Randomness;

public class RandomStreamsTests
{
    private static ulong[] Draw(RandomSource source, int count) => Enumerable.Range(0, count).Select(_ => source.NextUInt64()).ToArray();

    [Fact]
    public void A_named_stream_gives_the_same_numbers_for_the_same_seed()
    {
        Assert.Equal(Draw(new RandomStreams(42).Get("arrivals/chat"), 100), Draw(new RandomStreams(42).Get("arrivals/chat"), 100));
    }

    [Fact]
    public void Streams_do_not_depend_on_which_other_streams_were_created_or_drawn_from()
    {
        var alone = new RandomStreams(42);
        var busy = new RandomStreams(42);
        Draw(busy.Get("service/chat"), 1000);
        Draw(busy.Get("launches"), 7);
        Assert.Equal(Draw(alone.Get("arrivals/chat"), 50), Draw(busy.Get("arrivals/chat"), 50));
    }

    [Fact]
    public void Different_names_and_different_seeds_give_different_streams()
    {
        var streams = new RandomStreams(42);
        Assert.NotEqual(Draw(streams.Get("a"), 10), Draw(streams.Get("b"), 10));
        Assert.NotEqual(Draw(new RandomStreams(1).Get("a"), 10), Draw(new RandomStreams(2).Get("a"), 10));
        Assert.Same(streams.Get("a"), streams.Get("a"));
    }

    [Fact]
    public void The_generator_is_xoshiro256_starstar_seeded_by_splitmix64_as_Vigna_publishes_them()
    {
        // Seeded as prng.di.unimi.it recommends: s[i] = splitmix64(&x), here from x = 0; the step below is
        // transcribed from xoshiro256starstar.c.
        var source = new RandomSource(0);
        var x = 0UL;
        var s = new[] { RandomSource.SplitMix64(ref x), RandomSource.SplitMix64(ref x), RandomSource.SplitMix64(ref x), RandomSource.SplitMix64(ref x) };
        Assert.Equal(0xE220A8397B1DCDAFUL, s[0]); // splitmix64's first output from 0 (Vigna's reference)
        var expected = Reference(s, 5);
        Assert.Equal(expected, Draw(source, 5));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Bounded_integers_are_uniform(int bound)
    {
        var source = new RandomSource(9);
        const int draws = 140_000;
        var counts = new int[bound];
        for (var i = 0; i < draws; i++)
        {
            counts[source.NextInt(bound)]++;
        }

        // Pearson chi-square against uniform; 99.9% quantile ≈ df + 3.1·√(2df) + 5 for these df.
        var expected = draws / (double)bound;
        var chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        var df = Math.Max(1, bound - 1);
        Assert.True(chi2 < df + (3.1 * Math.Sqrt(2.0 * df)) + 5, $"chi² = {chi2} with {df} degrees of freedom");
    }

    [Fact]
    public void Doubles_fall_in_the_unit_interval_and_the_non_zero_variant_never_returns_zero()
    {
        var source = new RandomSource(3);
        for (var i = 0; i < 100_000; i++)
        {
            var u = source.NextDouble();
            Assert.InRange(u, 0, Math.BitDecrement(1.0));
            var v = source.NextDoubleNonZero();
            Assert.InRange(v, double.Epsilon, 1.0);
        }
    }

    private static ulong[] Reference(ulong[] s, int count)
    {
        static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));
        var result = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Rotl(s[1] * 5, 7) * 9;
            var t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = Rotl(s[3], 45);
        }

        return result;
    }
}
