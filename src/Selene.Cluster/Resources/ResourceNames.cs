namespace Selene.Cluster.Resources;

/// <summary>
/// Dense indices for resource names, so a node's allocatable and requested amounts are arrays rather than
/// dictionaries. The four core resources have fixed indices; extended resources (<c>nvidia.com/gpu</c>) are
/// numbered in the order they are first seen.
/// </summary>
public sealed class ResourceNames
{
    /// <summary>Index of <c>cpu</c>.</summary>
    public const int Cpu = 0;

    /// <summary>Index of <c>memory</c>.</summary>
    public const int Memory = 1;

    /// <summary>Index of <c>ephemeral-storage</c>.</summary>
    public const int EphemeralStorage = 2;

    /// <summary>Index of <c>pods</c>, the count of pods a node admits.</summary>
    public const int Pods = 3;

    private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal)
    {
        ["cpu"] = Cpu,
        ["memory"] = Memory,
        ["ephemeral-storage"] = EphemeralStorage,
        ["pods"] = Pods,
    };

    private readonly List<string> _names = ["cpu", "memory", "ephemeral-storage", "pods"];

    /// <summary>How many names have an index.</summary>
    public int Count => _names.Count;

    /// <summary>The index of <paramref name="name"/>, assigning the next one when it is new.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_indices.TryGetValue(name, out var index))
        {
            index = _names.Count;
            _indices.Add(name, index);
            _names.Add(name);
        }

        return index;
    }

    /// <summary>The index of <paramref name="name"/> when it has one.</summary>
    public bool TryGetIndex(string name, out int index) => _indices.TryGetValue(name, out index);

    /// <summary>The name at <paramref name="index"/>.</summary>
    public string NameOf(int index) => _names[index];
}
