using System.Numerics.Tensors;
using Selene.Inference.Runtime;

namespace Selene.Inference.Caching;

/// <summary>
/// Outputs kept by a signature of the prefix's output: a request whose cut tensors point the same way as a kept
/// one's (cosine similarity at least the threshold) gets the kept outputs, saving the link and the suffix. The
/// signature of a feature map (N, C, H, W) is its per-channel means, of anything else its elements. It can be wrong
/// (a false hit); <see cref="Evaluate"/> measures how often on a test set.
/// </summary>
public sealed class SimilarityCache(double threshold, int capacity)
{
    private readonly List<(float[] Signature, IReadOnlyList<TensorData> Outputs)> _entries = [];
    private readonly Lock _gate = new();
    private int _next;

    /// <summary>The cosine similarity a hit needs.</summary>
    public double Threshold => threshold;

    /// <summary>The unit-length signature of <paramref name="cutTensors"/>, a prefix's output.</summary>
    public static float[] Signature(IReadOnlyList<TensorData> cutTensors)
    {
        ArgumentNullException.ThrowIfNull(cutTensors);
        var parts = new List<float>();
        foreach (var tensor in cutTensors.Where(t => t.Type == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float))
        {
            var values = tensor.Floats;
            if (tensor.Shape is [var n, var c, var h, var w] && n * c * h * w == values.Length)
            {
                var plane = (int)(h * w);
                for (var channel = 0; channel < n * c; channel++)
                {
                    parts.Add(TensorPrimitives.Sum(values.Slice(channel * plane, plane)) / plane);
                }
            }
            else
            {
                foreach (var value in values)
                {
                    parts.Add(value);
                }
            }
        }

        var signature = parts.ToArray();
        var norm = TensorPrimitives.Norm(signature);
        if (norm > 0)
        {
            TensorPrimitives.Divide(signature, norm, signature);
        }

        return signature;
    }

    /// <summary>The kept outputs most like <paramref name="signature"/>, if any is at least the threshold alike.</summary>
    public bool TryGet(float[] signature, out IReadOnlyList<TensorData> outputs, out double similarity)
    {
        ArgumentNullException.ThrowIfNull(signature);
        lock (_gate)
        {
            similarity = double.NegativeInfinity;
            outputs = [];
            foreach (var (kept, keptOutputs) in _entries)
            {
                if (kept.Length != signature.Length)
                {
                    continue;
                }

                var cosine = TensorPrimitives.Dot(kept, signature);
                if (cosine > similarity)
                {
                    (similarity, outputs) = (cosine, keptOutputs);
                }
            }

            return similarity >= threshold;
        }
    }

    /// <summary>Keeps <paramref name="outputs"/> under <paramref name="signature"/>, replacing the oldest entry when full.</summary>
    public void Add(float[] signature, IReadOnlyList<TensorData> outputs)
    {
        lock (_gate)
        {
            if (_entries.Count < capacity)
            {
                _entries.Add((signature, outputs));
            }
            else
            {
                _entries[_next] = (signature, outputs);
                _next = (_next + 1) % capacity;
            }
        }
    }

    /// <summary>
    /// Replays <paramref name="testSet"/> (each request's cut tensors and its true outputs) through a cache of this
    /// threshold: hits, and false hits, a hit whose outputs differ from the truth by more than
    /// <paramref name="tolerance"/> in relative L2 norm.
    /// </summary>
    public static (int Requests, int Hits, int FalseHits) Evaluate(IEnumerable<(IReadOnlyList<TensorData> CutTensors, IReadOnlyList<TensorData> Truth)> testSet,
        double threshold, double tolerance, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        var cache = new SimilarityCache(threshold, capacity);
        int requests = 0, hits = 0, falseHits = 0;
        foreach (var (cut, truth) in testSet)
        {
            requests++;
            var signature = Signature(cut);
            if (cache.TryGet(signature, out var kept, out _))
            {
                hits++;
                falseHits += TensorDifference.Of(truth, kept).Relative > tolerance ? 1 : 0;
            }
            else
            {
                cache.Add(signature, truth);
            }
        }

        return (requests, hits, falseHits);
    }
}
