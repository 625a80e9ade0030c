using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Selene.Inference.Runtime;

namespace Selene.Inference.Caching;

/// <summary>
/// Outputs kept by the hash of the request's inputs (names, types, shapes and bytes, XXH128): a repeated request is
/// answered here, with no link and no suffix. Least recently used entries go first when it is full.
/// </summary>
public sealed class ExactCache(int capacity)
{
    private readonly Dictionary<UInt128, LinkedListNode<(UInt128 Key, IReadOnlyList<TensorData> Outputs)>> _entries = [];
    private readonly LinkedList<(UInt128 Key, IReadOnlyList<TensorData> Outputs)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Lookups answered.</summary>
    public int Hits { get; private set; }

    /// <summary>Lookups not answered.</summary>
    public int Misses { get; private set; }

    /// <summary>The key of <paramref name="inputs"/>.</summary>
    public static UInt128 Key(IReadOnlyList<TensorData> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var hash = new XxHash128();
        foreach (var input in inputs.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            hash.Append(Encoding.UTF8.GetBytes(input.Name));
            hash.Append(BitConverter.GetBytes((int)input.Type));
            hash.Append(MemoryMarshal.AsBytes(input.Shape.AsSpan()));
            hash.Append(input.Bytes);
        }

        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>The outputs kept for <paramref name="key"/>, if any.</summary>
    public bool TryGet(UInt128 key, out IReadOnlyList<TensorData> outputs)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                Hits++;
                outputs = node.Value.Outputs;
                return true;
            }

            Misses++;
            outputs = [];
            return false;
        }
    }

    /// <summary>Whether <paramref name="key"/> is kept, without counting a lookup.</summary>
    public bool Contains(UInt128 key)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(key);
        }
    }

    /// <summary>Keeps <paramref name="outputs"/> for <paramref name="key"/>.</summary>
    public void Add(UInt128 key, IReadOnlyList<TensorData> outputs)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
            }
            else if (_entries.Count >= capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            _entries[key] = _order.AddFirst((key, outputs));
        }
    }
}
