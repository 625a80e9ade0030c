namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Data plugins share within one scheduling cycle (PreFilter's counts read by Filter, and so on).</summary>
public sealed class CycleState
{
    private readonly Dictionary<string, object> _data = new(StringComparer.Ordinal);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    public void Write(string key, object value) => _data[key] = value;

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public T? Read<T>(string key)
        where T : class => _data.TryGetValue(key, out var value) ? value as T : null;

    /// <summary>Empties the state for the next cycle.</summary>
    public void Clear() => _data.Clear();
}
