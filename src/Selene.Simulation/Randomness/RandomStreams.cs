using System.Text;

namespace Selene.Simulation.Randomness;

/// <summary>
/// Named random streams derived from one scenario seed. Each name gets its own independent stream, so adding
/// a stream (or drawing more from one) never shifts the numbers another stream produces.
/// </summary>
public sealed class RandomStreams
{
    private readonly Dictionary<string, RandomSource> _streams = new(StringComparer.Ordinal);

    /// <summary>Creates the family of streams for <paramref name="seed"/>.</summary>
    public RandomStreams(ulong seed)
    {
        Seed = seed;
    }

    /// <summary>The scenario seed every stream derives from.</summary>
    public ulong Seed { get; }

    /// <summary>The stream called <paramref name="name"/>; the same object on every call with that name.</summary>
    public RandomSource Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_streams.TryGetValue(name, out var stream))
        {
            stream = new RandomSource(DeriveSeed(Seed, name));
            _streams.Add(name, stream);
        }

        return stream;
    }

    /// <summary>The seed of stream <paramref name="name"/>: SplitMix64 of the scenario seed mixed with FNV-1a of the UTF-8 name.</summary>
    public static ulong DeriveSeed(ulong seed, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        var x = seed ^ hash;
        return RandomSource.SplitMix64(ref x);
    }
}
