namespace Selene.Serving.Performance;

/// <summary>
/// What one engine step computes, in the sums its cost depends on. A request that computes <c>q</c> new tokens on
/// top of <c>kv</c> tokens already in its KV cache adds q tokens, q·kv + q(q+1)/2 query–key pairs (causal
/// attention) and kv + q KV-cache tokens touched; a decode is q = 1.
/// </summary>
/// <param name="Tokens">New tokens in the step, every request together.</param>
/// <param name="Sequences">Requests in the step.</param>
/// <param name="AttentionPairs">Query–key pairs attention computes, per layer and head.</param>
/// <param name="KvTokens">KV-cache tokens the step reads or writes.</param>
public readonly record struct BatchShape(double Tokens, int Sequences, double AttentionPairs, double KvTokens)
{
    /// <summary>The shape of <paramref name="newTokens"/> tokens computed on top of <paramref name="cached"/> cached ones.</summary>
    public static BatchShape Chunk(int newTokens, int cached) =>
        new(newTokens, 1, (newTokens * (double)cached) + (newTokens * (newTokens + 1.0) / 2), cached + (double)newTokens);

    /// <summary>Two shapes in one step.</summary>
    public static BatchShape operator +(BatchShape a, BatchShape b) =>
        new(a.Tokens + b.Tokens, a.Sequences + b.Sequences, a.AttentionPairs + b.AttentionPairs, a.KvTokens + b.KvTokens);

    /// <summary>
    /// <paramref name="sequences"/> decodes whose contexts (tokens cached before the step) sum to
    /// <paramref name="cachedTokens"/>: one new token each.
    /// </summary>
    public static BatchShape Decodes(int sequences, double cachedTokens) =>
        new(sequences, sequences, cachedTokens + sequences, cachedTokens + sequences);
}
